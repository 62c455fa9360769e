"""Word lists of statement extraction: speech verbs, titles, roles, pronouns, names.

One lexicon for who-said-what: the extractor reads attributions with it, and the bot's question
parser asks with its question verbs (`QUESTION_SPEECH_VERBS`). Only data and the sets derived from
it live here; the rules that use them are in the other modules of `index.quotes`.
"""

from __future__ import annotations

# --- speech verbs ---------------------------------------------------------------------------

# Verbs that attribute speech in news text, by lemma, with the forms that count as cues. A lemma
# lists only the forms that mark speech: "I think" and "the call" are no attributions, so "think"
# keeps only "thinks" and "call" only "called" and "calls". A base form that is its lemma must
# follow a subject to count ("they say", not "the report"); "forecast" is filed under "predicts"
# and so never gets that check.
SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("add", "adds", "added", "adding"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "deny": ("deny", "denies", "denied", "denying"),
    "express": ("express", "expresses", "expressed", "expressing"),
    "urge": ("urge", "urges", "urged", "urging"),
    "warn": ("warn", "warns", "warned", "warning"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "note": ("note", "notes", "noted", "noting"),
    "write": ("write", "writes", "wrote", "writing"),
    "report": ("report", "reports", "reported", "reporting"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "suggest": ("suggest", "suggests", "suggested", "suggesting"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "ask": ("ask", "asks", "asked", "asking"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "respond": ("respond", "responds", "responded", "responding"),
    "reply": ("reply", "replies", "replied", "replying"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "complain": ("complain", "complains", "complained", "complaining"),
    "maintain": ("maintain", "maintains", "maintained", "maintaining"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "continue": ("continues", "continued"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasizing", "emphasised"),
    "repeat": ("repeat", "repeats", "repeated", "repeating"),
    "promise": ("promise", "promises", "promised", "promising"),
    "pledge": ("pledge", "pledges", "pledged", "pledging"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "charge": ("charges", "charged"),
    "allege": ("allege", "alleges", "alleged", "alleging"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "caution": ("caution", "cautions", "cautioned", "cautioning"),
    "observe": ("observes", "observed"),
    "remark": ("remark", "remarks", "remarked"),
    "testify": ("testify", "testifies", "testified", "testifying"),
    "contend": ("contend", "contends", "contended", "contending"),
    "counter": ("counters", "countered"),
    "agree": ("agree", "agrees", "agreed", "agreeing"),
    "believe": ("believes", "believed"),
    "think": ("thinks",),
    "estimate": ("estimates", "estimated"),
    "predicts": ("forecast", "forecasts"),
    "state": ("states", "stated", "stating"),
    "mention": ("mentions", "mentioned"),
    "point": ("pointed",),
    "criticize": ("criticize", "criticizes", "criticized", "criticised", "criticizing"),
    "accuse": ("accuse", "accuses", "accused", "accusing"),
    "call": ("called", "calls", "calling"),
    "describe": ("describes", "described"),
    "joke": ("joke", "jokes", "joked", "joking"),
    "quip": ("quips", "quipped"),
    "boast": ("boasts", "boasted"),
    "lament": ("laments", "lamented"),
    "reiterate": ("reiterates", "reiterated", "reiterating"),
    "assert": ("asserts", "asserted", "asserting"),
    "demand": ("demands", "demanded", "demanding"),
    "proclaim": ("proclaims", "proclaimed"),
    "condemn": ("condemn", "condemns", "condemned", "condemning"),
    "praise": ("praises", "praised", "praising"),
    "blast": ("blasts", "blasted", "blasting"),
    "slam": ("slams", "slammed", "slamming"),
    "reject": ("rejects", "rejected", "rejecting"),
    "dismiss": ("dismisses", "dismissed", "dismissing"),
    "defend": ("defends", "defended", "defending"),
    "hail": ("hails", "hailed", "hailing"),
    "welcome": ("welcomes", "welcomed", "welcoming"),
    "reveal": ("reveals", "revealed", "revealing"),
    "cite": ("cites", "cited", "citing"),
    "scold": ("scolds", "scolded", "scolding"),
    "recommend": ("recommends", "recommended", "recommending"),
    "propose": ("proposes", "proposed", "proposing"),
    "decry": ("decries", "decried", "decrying"),
    "denounce": ("denounces", "denounced", "denouncing"),
    "applaud": ("applauds", "applauded", "applauding"),
    "conclude": ("concludes", "concluded", "concluding"),
    "indicate": ("indicates", "indicated", "indicating"),
    "remind": ("reminds", "reminded", "reminding"),
    "assure": ("assures", "assured", "assuring"),
    "question": ("questioned", "questioning"),
    "challenge": ("challenged", "challenging"),
    "attack": ("attacked",),
    "endorse": ("endorses", "endorsed"),
    "laud": ("lauds", "lauded", "lauding"),
    "mock": ("mocks", "mocked", "mocking"),
    "brand": ("branded", "brands"),
    "label": ("labeled", "labelled"),
    "dub": ("dubbed",),
    "find": ("found",),
    "shout": ("shouted", "shouts"),
    "post": ("posted",),
    "echo": ("echoed", "echoes", "echoing"),
    "muse": ("mused", "muses"),
    "opine": ("opined", "opines"),
    "wonder": ("wondered", "wonders"),
    "exhort": ("exhorted", "exhorts"),
    "tout": ("touted", "touts", "touting"),
    "blame": ("blames", "blamed", "blaming"),
    # How a reporter colours a quote: "..., Toomey fumed", "Hewlett sniped that ...".
    "scoff": ("scoffed", "scoffs"),
    "gush": ("gushed", "gushes"),
    "retort": ("retorted", "retorts"),
    "chide": ("chided", "chides"),
    "gripe": ("griped", "gripes"),
    "brag": ("bragged", "brags"),
    "bemoan": ("bemoaned", "bemoans"),
    "grouse": ("groused", "grouses"),
    "fret": ("fretted", "frets"),
    "recount": ("recounted", "recounts"),
    "speculate": ("speculated", "speculates"),
    "theorize": ("theorized", "theorizes"),
    "interject": ("interjected",),
    "posit": ("posited", "posits"),
    "sneer": ("sneered",),
    "taunt": ("taunted",),
    "confide": ("confided",),
    "elaborate": ("elaborated",),
    "fume": ("fumed", "fumes"),
    "snipe": ("sniped", "snipes"),
    "blog": ("blogged",),
    "email": ("emailed",),
    "text": ("texted",),
    "lecture": ("lectured",),
    "plead": ("pleaded",),
    "hint": ("hinted", "hints"),
    "marvel": ("marveled", "marvelled", "marvels"),
    "mutter": ("muttered",),
    "whisper": ("whispered",),
    # Speech only before "that", a quote or a colon ("remembered when ...", "calculates that").
    "remember": ("remembered", "remembers"),
    "calculate": ("calculated", "calculates"),
    "reason": ("reasoned", "reasons"),
    "surmise": ("surmised", "surmises"),
    "reckon": ("reckoned", "reckons"),
    "put": ("put", "puts"),  # only as "put it" (index.quotes.cues)
}
# Every cue form and its lemma: "said" -> "say".
CUES = {form: lemma for lemma, forms in SPEECH_VERBS.items() for form in forms}
# Cues that only mark speech when followed by "that", a quote or a colon: "believes the tax
# plan..." is a belief, "called the shots" is no speech.
WEAK_CUES = {
    "believe",
    "think",
    "estimate",
    "predicts",
    "point",
    "state",
    "agree",
    "continue",
    "find",
    "remember",
    "calculate",
    "reason",
    "surmise",
    "reckon",
    "put",
}
# The verbs a who-said-what question asks with ("what did X say / claim / tell ...", "what has X
# said", "what did X mean?"): base and past forms of the commonest speech verbs, a few
# third-person forms, and verbs that are no cue in running text ("I mean", "he thought").
# Narrower than CUES on purpose: the question parser ends the asked name at the first of these
# words, so "What do Trump's tweets say?" must not stop at "tweets".
QUESTION_SPEECH_VERBS = frozenset(
    """
    say said says claim claimed claims deny denied denies tell told tells state stated states
    announce announced argue argued warn warned add added stress stressed insist insisted
    suggest suggested mean meant think thought believe believed write wrote tweet tweeted post
    posted reply replied respond responded answer answered admit admitted promise promised
    predict predicted explain explained confirm confirmed comment commented acknowledge
    acknowledged allege alleged urge urged note noted express expressed reveal revealed propose
    proposed accuse accused
    """.split()
)
# Cues that mean "said": other cues ("denied", "urged", "warned") change what the words mean,
# so the answer shows them ("- (denied) it had informed Washington...").
NEUTRAL_CUES = frozenset(
    "said says say saying told tells tell added adds stressed stresses noted notes explained "
    "explains according quoted wrote writes stated states continued continues put puts".split()
)


def is_neutral_cue(cue: str | None) -> bool:
    """Whether a statement's cue means "said" (none given means it too)."""
    words = (cue or "").lower().split()
    return not words or words[0] in NEUTRAL_CUES


# Verbs that report what someone said only with a stance noun and "that" after them (within
# `STANCE_NOUN_REACH` words): "voiced confidence that ...", "made the case that ...", "floated
# the notion that ..."; "made a profit" and "shared a photo" are no speech.
STANCE_VERBS = {
    form: lemma
    for lemma, forms in {
        "voice": ("voiced", "voices", "voicing"),
        "float": ("floated", "floats", "floating"),
        "make": ("make", "made", "makes", "making"),
        "press": ("pressed", "presses", "pressing"),
        "push": ("pushed", "pushes", "pushing"),
        "share": ("shared", "shares", "sharing"),
        "offer": ("offered", "offers", "offering"),
    }.items()
    for form in forms
}
STANCE_NOUNS = frozenset(
    """
    case point argument notion idea concern concerns confidence doubt doubts belief claim hope
    hopes fear fears suggestion assurance assurances view warning
    """.split()
)
STANCE_NOUN_REACH = 4

# Participles that attach a second statement to the clause's speaker: ", adding that ...".
PARTICIPLE_CUES = {f for f in (*CUES, *STANCE_VERBS) if f.endswith("ing")}
# What a speaker issues, posts or sends "saying ...": the participle speaks for the issuer.
STATEMENT_NOUNS = frozenset(
    """
    statement statements letter tweet tweets post message memo email e-mail release video note
    op-ed column filing speech
    """.split()
)

TELL_OBJECTS = {
    "reporters",
    "journalists",
    "him",
    "her",
    "them",
    "us",
    "me",
    "supporters",
    "voters",
    "lawmakers",
    "members",
    "the",
    "a",
    "an",
    "colleagues",
    "listeners",
    "viewers",
    "readers",
    "audiences",
    "crowds",
    "students",
    "senators",
    "congress",
}
# Before a base-form cue ("say", "warn"), only these make it a verb: "they say", "will warn".
BASE_FORM_SUBJECTS = {
    "they",
    "we",
    "i",
    "you",
    "will",
    "would",
    "could",
    "did",
    "do",
    "does",
    "may",
    "might",
    "must",
    "can",
    "should",
    "not",
    "never",
    "to",
    "also",
    "often",
    "still",
    "now",
    "and",
}


# Verb phrases between a speaker and a base-form cue that keep the subject speaking: "went on
# to say", "was quick to add". Not "declined to say" or "refused to comment": those say nothing.
SPEECH_LEADS = tuple(
    tuple(phrase.split())
    for phrase in (
        "went on to",
        "goes on to",
        "go on to",
        "went so far as to",
        "goes so far as to",
        "was quick to",
        "were quick to",
        "is quick to",
        "are quick to",
        "hastened to",
        "rushed to",
        "took pains to",
        "was careful to",
        "made sure to",
    )
)


# Finite verbs that start a clause of their own: "said his worry is that ..." says the worry,
# not "that ...".
CLAUSE_VERBS = frozenset(
    "is was are were be been being has have had 's will would can could should may might "
    "must do does did means meant".split()
)


# --- pronouns, titles, roles --------------------------------------------------------------

PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "o"}
OBJECT_PRONOUNS = {"him": "m", "her": "f", "them": "p", "it": "o"}

TITLES = frozenset(
    """
    mr mrs ms miss dr sen sens rep reps gov gen lt col maj sgt capt adm prof rev gens cmdr cpl
    pvt atty supt president vice secretary senator governor former retired mayor judge justice
    speaker chancellor prime minister king queen prince princess pope ambassador attorney
    general chairman chairwoman rabbi sheriff representative congressman congresswoman premier
    leader chief director commissioner lieutenant colonel sergeant captain admiral sir dame lord
    lady father sister brother bishop cardinal president-elect nominee candidate spokesman
    spokeswoman spokesperson press deputy acting foreign defense state interior finance treasury
    majority minority house senate democratic republican gop presidential executive officer ceo
    chair founder head czar tsar envoy
    """.split()
)
ROLE_HEADS = frozenset(
    """
    spokesman spokeswoman spokesperson spokesmen minister secretary president senator governor
    chairman chairwoman chair director chief ceo nominee candidate leader manager adviser
    advisor aide commissioner ambassador mayor judge justice general officer official analyst
    professor economist strategist pollster attorney lawyer prosecutor correspondent reporter
    editor columnist founder executive speaker whip treasurer counsel coach king queen prince
    pope premier chancellor deputy host anchor author historian scientist researcher expert
    activist organizer head member fellow commentator consultant surrogate operative physician
    doctor sheriff commander colonel lieutenant sergeant captain admiral congressman
    congresswoman representative lawmaker businessman businesswoman billionaire mogul partner
    president-elect director-general secretary-general superintendent sen rep gov gen lt col dr
    mr mrs ms owner student teacher worker resident voter supporter protester veteran father
    mother son daughter wife husband friend actor actress singer rapper star comedian writer
    blogger challenger incumbent delegate chairperson investor entrepreneur pastor co-host
    co-founder co-chair co-chairman co-chairwoman co-author co-sponsor supervisor advocate
    surgeon neurosurgeon clerk auditor administrator czar tsar envoy
    """.split()
)
ORG_HEADS = frozenset(
    """
    campaign committee agency ministry department company group government administration party
    organization organisation firm union council court board police military army newspaper
    network paper office kremlin house embassy center centre institute foundation association
    corporation bank fund commission bureau service times post journal news press channel
    magazine report study poll survey team coalition alliance caucus senate congress parliament
    cabinet state statement website spokesperson pentagon nations inc corp ltd complex
    federation league authority tribunal daily tribune forces force navy corps guard command
    """.split()
)
GROUP_HEADS = frozenset(
    """
    officials experts analysts critics supporters aides advisers advisors leaders lawmakers
    democrats republicans people residents voters sources observers economists scientists
    researchers activists members investigators authorities prosecutors officers protesters
    police organizers witnesses spokesmen diplomats others americans europeans
    """.split()
)
# What a named speaker speaks with: "Trump and his attorneys said", "Mr. Xi and other leaders
# have said", "Edwards and others said" (a group head, a role head in the plural, or these).
COMPANION_HEADS = (
    GROUP_HEADS
    | {f"{w}s" for w in ROLE_HEADS if not w.endswith("s")}
    | frozenset("allies colleagues rivals associates partners family wife husband".split())
)
# Capitalised words that start sentences or dates rather than names.
CAP_STOP = frozenset(
    """
    the a an but and or so yet in on at for of to from by with as after before when while if
    though although because since also however meanwhile still now then later earlier asked
    speaking this that these those there here it he she they we i you his her their its our my
    your monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december instead indeed yes no not what why
    how who where which last next during over under about according despite unlike like even
    only just all both each every many most some several one two three first other another such
    once again already today tonight yesterday tomorrow until through thus therefore besides
    moreover furthermore nor either neither whether among amid against without within into onto
    upon said says told having being
    everything everyone everybody nothing nobody something someone somebody anything anyone
    anybody does did do is are was were has have had can could would should
    it's that's there's here's what's who's i'm i've i'd i'll we're we've they're they've you're
    he's she's let's
    """.split()
)
NAME_PARTICLES = frozenset(
    """
    de da di del des della van von der den le la bin ibn al el du dos das ben st
    """.split()
)
NAME_CONNECTORS = {"of", "for", "on", "the", "and", "&"}
# Words skipped between a speaker and the cue: "has also said", "later told".
AUXILIARIES = frozenset(
    """
    has have had also later previously again then once repeatedly recently is was are were will
    would could did does do not never already publicly privately reportedly often frequently
    further flatly simply just first even still all both himself herself themselves itself now
    initially quickly last ultimately eventually subsequently since earlier explicitly openly
    bluntly angrily emphatically firmly strongly specifically immediately been being ever always
    usually tearfully proudly separately
    """.split()
)
NEGATED_AUXILIARIES = {
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "doesn't",
    "didn't",
    "don't",
    "hasn't",
    "haven't",
    "hadn't",
    "won't",
    "wouldn't",
    "can't",
    "couldn't",
    "cannot",
}
# "Wells Fargo just this month announced"
WHEN_WORDS = {"this", "last", "week", "month", "year", "morning", "today", "yesterday"}
# Marks that close a quote, with a comma often inside them: `known as "Nightjar," stated`.
CLOSING_QUOTES = frozenset({'"', "”", "''", "’"})
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen sens rep reps gov gen lt col maj sgt capt adm prof rev st jr sr inc corp co
    ltd no vs gens cmdr jan feb mar apr jun jul aug sep sept oct nov dec mich calif fla ill mass
    wash ariz conn pa ga va mont wis ky tenn ala la md minn mo nev okla ore tex colo del kan neb
    miss ind ark penn vt wyo
    """.split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Pronouns that are only subjects ("you", "it" may be whom it was told: "told you that").
SUBJECT_PRONOUNS = frozenset("he she they we i".split())
# The determiners that open a noun phrase: "a crowd", "his top aide", "the committee".
DETERMINERS = frozenset("a an the his her their its".split())
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight recently
    earlier later last this week month year morning afternoon evening night then again also
    previously repeatedly publicly privately once often in on at during after before while from
    to with an a the interview statement speech news conference briefing reporters told of his
    her their its own via through by when past days weeks ago
    """.split()
)

# The role a title abbreviation stands for: "the senator" after "Sen. Jane Doe".
TITLE_ROLES = {
    "sen": ("senator",),
    "sens": ("senator",),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "gov": ("governor",),
    "gen": ("general",),
    "adm": ("admiral",),
    "col": ("colonel",),
    "lt": ("lieutenant",),
    "capt": ("captain",),
    "sgt": ("sergeant",),
    "prof": ("professor",),
    "dr": ("doctor",),
    "atty": ("attorney",),
}

# --- names ---------------------------------------------------------------------------------

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "sister"}
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "brother"}
# Common first names, for "he"/"she" agreement (a pronoun never resolves to a person of the
# other gender when the first name says which it is).
FEMALE_NAMES = set(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
    megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
    theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary
    claire condoleezza nikki sheryl elena angela theresa marine ivanka melania chelsea kellyanne
    huma donna nancy elizabeth dianne tammy kirsten kamala michele debbie sonia ruth susana
    carly sarah michele jill tulsi maxine loretta janet sally valerie kristen jessica jennifer
    christina carla karen krystal adriana ariana esther julie sonya martha katrina kate katie
    samantha gina penny robin ruth yvonne wendy paula monica melanie leslie kristin jane
    gretchen erin dana anne alison
    """.split()
)
MALE_NAMES = set(
    """
    james robert john michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory frank alexander raymond patrick jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold
    keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
    joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip phil johnny barack bill bernie mike mitt ted tim
    newt rudy chris jeb marco rand reince corey dmitry sergei vladimir boris francois
    xi ban shinzo justin benjamin bibi hassan recep emmanuel matteo jean-marc
    nicolas hugo evo lloyd earl marc fred chad craig douglas jorge
    francisco luis oscar edwin steve steven jake jeff sherrod harry mitch chuck lindsey orrin
    jim tom dick rick ricky rob bob ben dan doug greg ken len ron sam stan will woody ernest
    josh robby jason jared reid rahm rex ivan igor dmitri alexei mikhail yuri andrei
    """.split()
) - {"lindsey"}
# Every known first name, of either gender: a word before a surname that makes a person's name.
FIRST_NAMES = frozenset(FEMALE_NAMES | MALE_NAMES)
# Given names beyond FIRST_NAMES (the commonest US names) that the news uses often, leaving out
# those that are places too ("Austin", "Savannah"): read by the answer's lead and a given name
# asked alone ("What did Elon say?"). The extractor keeps FIRST_NAMES: a longer list there
# changes who said what.
GIVEN_NAMES = FIRST_NAMES | frozenset(
    """martin charlie jerome pete kristi karoline gavin kathy brett clarence neil lindsey
    marjorie matt curtis alvin colin jimmy caroline travis caitlin simone serena carlos rafael
    naomi rory jon seth conan ellen rosie meghan camilla luigi pam kash elon tulsi hakeem
    ketanji letitia rashida ilhan zohran volodymyr keir rishi narendra emmanuel benjamin
    giorgia friedrich olaf justin jacinda xavier lionel cristiano novak jannik coco aryna
    iga scottie bryson shohei lebron megyn whoopi oprah taylor kendrick rihanna
    beyonce sabrina selena billie kanye ghislaine jeffrey bryan tyler dylan logan ryan
    kyle sean shane craig greg jeff dan tom tim jim bob joe ben sam max alex nick chris
    jake luke zach tony vince ron ted phil rick bernie chuck mitch""".split()
)
# What a secretary or minister is "of", when the office runs on to a name ("Secretary of War
# Pete Hegseth", "Energy Chris Wright"). Not titles themselves: "Labor" also heads "National
# Labor Relations Board" and "Bureau of Labor Statistics".
DEPARTMENTS = frozenset(
    "war energy labor commerce education agriculture transportation homeland justice health "
    "veterans housing".split()
)

# Countries and US states, lower case: places, not people ("Pennsylvania Josh Shapiro" is
# Josh Shapiro; bot/lead.py: "which country" is answered with one).
COUNTRIES = frozenset(
    """afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahamas
    bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
    brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia congo
    croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini
    ethiopia fiji finland france gabon gambia georgia germany ghana greece greenland grenada
    guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland
    israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos
    latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi
    malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia
    montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria
    norway oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar
    romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia
    spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
    tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela
    vietnam yemen zambia zimbabwe england scotland wales britain""".split()
) | frozenset(
    {
        "united states",
        "united kingdom",
        "great britain",
        "united arab emirates",
        "saudi arabia",
        "south africa",
        "south korea",
        "north korea",
        "new zealand",
        "sri lanka",
        "costa rica",
        "el salvador",
        "dominican republic",
        "czech republic",
        "ivory coast",
        "papua new guinea",
        "gaza",
        "us",
        "uk",
    }
)
US_STATES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming""".split()
) | frozenset(
    {
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york",
        "north carolina",
        "north dakota",
        "rhode island",
        "south carolina",
        "south dakota",
        "west virginia",
    }
)
