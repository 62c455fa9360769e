"""The lead of an extractive answer: the shortest span that answers the question (a name, place,
number or date) found in the best sentences, so a reply can start with "Samsung [1]." before the
sentences that support it.

Pure functions over strings: `expected_type` reads what kind of thing the question asks for,
`candidate_spans` finds spans of that kind in one sentence, and `choose_lead` scores them by how
well their sentence matches the question and how many of the retrieved sentences agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from bot.question import STOPWORDS, fold, opening_clause_end
from index.chunking import split_sentences
from index.quotes.lexicon import COUNTRIES, GIVEN_NAMES, TITLE_ROLES, US_STATES

# Lead scoring. Chosen on realtimeqa-tune with `python -m bench.answers --merged --questions tune`
# (docs/benchmarks.md, "Answers that lead"); reported on realtimeqa-dev.
LEAD_SENTENCES = 12  # candidates come from this many of the best-scoring sentences ...
LEAD_KEEP_RATIO = 0.5  # ... each scoring at least this share of the best sentence's score
AGREEMENT_BONUS = 0.03  # per further sentence naming the same thing (retrieved passages agree)
MAX_AGREEMENT = 4  # agreement counted up to this many further sentences
KIND_BONUS = 0.1  # "which country" and the span is a country (a US state for "which state")
FULL_NAME_BONUS = 0.03  # a person asked for, and the span has a first and a last name
QUESTION_OVERLAP_PENALTY = 0.05  # some (not all) of the span's words are in the question
ACT_BONUS = 0.05  # the span does what the question asks who did ("Costco has sued" for "Which
# company sued ...?")
UNIT_WORDS = 4  # "how many" reads at most this many words of the noun after it
UNIT_STEM = 5  # an asked unit this long is written by any word sharing its first this many letters
SUPPORTING_SENTENCES = 2  # sentences after the lead: its own and one more that adds something
RUNNER_UP_RATIO = 0.7  # a span of another sentence scoring this share of the lead's is a close call

# What the question asks for.
PERSON, PLACE, DATE, YEAR, NUMBER, ENTITY = "person", "place", "date", "year", "number", "entity"
# A colour ("What color was the laser?"), a titled work ("Which movie ...?", named in quotes) and
# an event of the weather or the sky ("Which type of severe weather ...?", named in lower case).
COLOUR, WORK, NATURAL_EVENT, WORD = "colour", "work", "natural event", "word"
ILLNESS, ANIMAL, LANGUAGE, CURRENCY = "illness", "animal", "language", "currency"
# A place in a race or a ranking ("Where did she finish?": "eighth", "17th").
RANK = "rank"

PERSON_NOUNS = frozenset(
    """person people man woman men women politician actor actress actors artist artists singer
    rapper musician player athlete star celebrity official leader figure president senator
    governor mayor lawmaker judge executive ceo founder author director coach candidate
    billionaire journalist host comedian chef quarterback pitcher golfer minister ambassador
    secretary chancellor speaker commissioner chairman chairwoman sheriff spokesman spokeswoman
    spokesperson representative admiral envoy justice king queen prince princess pope
    emperor legend legends icon icons superstar superstars congressman congresswoman
    congressmen congresswomen lawmakers senators politicians scientist scientists astronaut
    astronauts activist activists lawyer lawyers attorney prosecutor economist writer novelist
    poet filmmaker producer designer entrepreneur rabbi priest bishop cardinal dictator premier
    monarch correspondent reporter editor anchor columnist commentator friend wife husband son
    daughter mother father brother sister girlfriend boyfriend widow supervisor supervisors chief
    councilman councilwoman councilmember alderman alderwoman assemblyman assemblywoman inmate
    inmates prisoner prisoners suspect suspects victim victims professor composer philosopher
    meteorologist geophysicist cardiologist researcher analyst historian strategist forecaster
    physician doctor nurse teacher student engineer pastor manager managers""".split()
)
# Before "manager", a firm that manages money, no person: "Which asset manager ...?"
FIRM_MANAGERS = frozenset("asset assets fund funds money investment hedge-fund wealth".split())
PLACE_NOUNS = frozenset(
    """country countries nation nations state states city cities town towns region county
    province territory island islands continent place location area capital neighborhood
    village""".split()
)
COUNTRY_NOUNS = frozenset("country countries nation nations".split())
# What a country or a state may be asked as, besides a place: "Which team won the Euro?"
SIDE_NOUNS = frozenset(
    """team teams side sides squad squads member members ally allies partner partners bloc
    signatory signatories neighbor neighbors neighbour neighbours power powers""".split()
)
TEAM_NOUNS = frozenset("team teams squad squads".split())
# A league or a sport's governing body, which answers no "Which team ...?" ("NFL [1]." led "Which
# team did the Lions host in the first Thanksgiving game?"): by its letters or its name's end.
LEAGUES = frozenset("nfl nba mlb nhl mls wnba nwsl ncaa fifa uefa afl cfl xfl usfl".split())
LEAGUE_HEADS = frozenset("league association conference federation series".split())
# Nouns asking for a group of people, which a people may answer ("Which group ...?": "Kurds")
PEOPLE_NOUNS = frozenset(
    """group groups people peoples community communities population populations minority
    minorities faith faiths religion religions nationality nationalities ethnicity tribe tribes
    demographic demographics voters""".split()
)
COUNTED_PEOPLE = PERSON_NOUNS | PEOPLE_NOUNS  # what "67 people" counts, and "how much" does not
CITY_NOUNS = frozenset("city cities town towns village villages".split())
STATE_NOUNS = frozenset("state states".split())
# Numbers asked for by "what" that are sums of money ("What price ...?", "What is the salary
# ...?", "What was the average refund ...?"); a toll may count the dead, a rate or a total
# anything.
SUM_NOUNS = frozenset(
    """price prices cost costs salary salaries refund refunds fee fees payout payouts wage wages
    bonus bonuses reward rewards bounty bounties ransom ransoms""".split()
)
NUMBER_NOUNS = SUM_NOUNS | frozenset(
    """number percentage percent amount magnitude age rate temperature score population total
    level speed height distance rating amounts ages rates scores totals levels ratings toll
    tolls tally share proportion fraction expectancy estimate estimates margin margins""".split()
)
COUNTY_NOUNS = frozenset({"county", "counties"})
COUNTY_TAILS = frozenset({"county", "parish", "borough"})  # how a county's name ends
AGENT_ENDINGS = ("er", "or", "ist", "ian")  # a noun of one who does: "hacker", "curator"
# A value's extremes, asked as its last word: "What record high ...?" ("Which high school" is no
# number).
PEAK_NOUNS = frozenset("high highs low lows peak".split())
# The last word of a company's or a publication's name: no place ("Where ...?" was answered
# "Maxar Technologies").
COMPANY_HEADS = frozenset(
    """company corp corporation inc ltd llc group holdings technologies systems labs industries
    motors airlines airways network news press times journal tribune magazine today herald gazette
    reuters bloomberg cnn nbc cbs abc msnbc npr bbc hbo espn pbs cnbc""".split()
)
# A publication asked for ("Which newspaper ...?") is a name ending as one does: "New York
# Times", "Washington Post", "USA Today".
PUBLICATION_NOUNS = frozenset(
    "newspaper newspapers paper publication publications outlet outlets magazine".split()
)
PUBLICATION_HEADS = frozenset(
    "times post journal tribune herald gazette news today magazine daily chronicle".split()
)
# The last word of a building's or a body's name ("Orleans Justice Center"), never a city's
# ("College Station" is one).
_BUILDINGS = frozenset(
    """mall center centre university college school academy hospital clinic foundation
    institute association society council committee commission department ministry agency
    bureau administration authority cathedral mosque museum airport stadium arena palace church
    zoo hotel library inn motel resort casino""".split()
)
BUILDING_HEADS = _BUILDINGS | frozenset("prison jail penitentiary".split())
# An institution's name and "at" before a name: where it is ("Mississippi State Penitentiary at
# Parchman", "University of Texas at Austin"), nobody.
_AT_INSTITUTION = re.compile(
    r"\b(?:" + "|".join(w.capitalize() for w in sorted(BUILDING_HEADS)) + r")"
    r"(?:\s+of(?:\s+[A-Z][\w.'’\-]*)+)?\s+at\s+$"
)
# The last word of a place's, an institution's or an event's name and of no well-known person's
# ("Purdue Mall", "Consumer Protection Act", "Shelby Farms Park"; not Hall, Law, Bay, Court,
# Temple, Lake, Day: Monty Hall, Jude Law, Ricki Lake, Jason Day): such a span does not answer
# "who". Companies' and publications' heads are among them, and the buildings' and bodies'.
INSTITUTION_HEADS = (
    COMPANY_HEADS
    | _BUILDINGS
    | frozenset(
        """avenue plaza party act treaty county city island islands valley coast park parks
        square street road bridge tower river gardens station festival parade bowl cup
        championship olympics awards prize congregation synagogue chapel revolution war
        movement series tournament league conference games tour senate congress parliament
        legislature thanksgiving christmas easter halloween hanukkah ramadan passover security
        poll polls survey""".split()
    )
)
# The last word of a place's name that may follow a first name ("Victoria Falls", "Jackson
# Hole", "Virginia Beach"), beside the institutions' and places' heads above.
PLACE_TAILS = frozenset(
    """falls hole beach bay springs heights hills harbor harbour lake lakes creek mountain
    mountains point port village town hall heath""".split()
)
# The last word of an agency's or a force's name: nowhere ("Secret Service" answered "Where was
# Trump shot?", "Army" "Where did the plane crash?").
AGENCY_HEADS = frozenset(
    """service agency bureau administration commission committee army navy marines corps force
    guard police military""".split()
)
# The last word of a league's name, as of a sport's body: nowhere ("Major League Baseball" does
# not say where the Rays played; the "Russian Federation" is somewhere).
SPORTS = frozenset("baseball football soccer basketball hockey".split())
NOWHERE_HEADS = COMPANY_HEADS | AGENCY_HEADS | LEAGUE_HEADS - {"federation"} | SPORTS
# After a person's name, a word that makes it a government or an operation, not the person: "the
# Biden administration" does not answer "who" with Joe Biden.
GOVERNMENT_WORDS = frozenset("administration campaign government presidency era".split())
# Nouns asking for a company: a person, a court or an agency is none ("Which automaker ...?" led
# "Donald Trump", "Which large company sued ...?" "Supreme Court").
COMPANY_NOUNS = frozenset(
    """company companies firm firms automaker automakers carmaker carmakers retailer retailers
    chain chains brand brands maker makers manufacturer manufacturers airline airlines bank
    banks startup startups conglomerate giant giants broadcaster broadcasters network networks
    insurer insurers lender lenders""".split()
)
# Nouns asking for an organisation, a company's or another kind's, which no person is. A public
# body may answer the others.
ORGANISATION_NOUNS = COMPANY_NOUNS | frozenset(
    """hospital hospitals publisher publishers school schools college colleges university
    universities court courts club clubs agency agencies union unions charity charities nonprofit
    nonprofits organization organizations organisation organisations studio studios label labels
    newspaper newspapers outlet outlets committee committees""".split()
)
# An organisation that is no company, which no person's surname names.
BODY_NOUNS = ORGANISATION_NOUNS - COMPANY_NOUNS
# The last word of a locality's name: "Oakland Township", "Orleans Parish", "Mexico City".
LOCALITY_HEADS = frozenset("county city town township borough parish village municipality".split())
PUBLIC_HEADS = AGENCY_HEADS | frozenset(
    "court courts congress senate parliament department ministry government".split()
)
# The continents and the world's regions news names as places, never as things or companies.
CONTINENTS = frozenset(
    """europe asia africa antarctica oceania eurasia americas arctic antarctic""".split()
    + ["north america", "south america", "latin america", "central america", "middle east"]
)
# The last word of a sea's, a coast's or a region's name: no group, company or thing asked for
# ("Eastern Pacific" for "members of which drug cartel?").
GEO_TAILS = frozenset(
    """pacific atlantic ocean oceans sea seas coast coasts basin gulf peninsula strait""".split()
)
# Drugs the news names in lower case ("Which drug did Trump move to reclassify?": marijuana).
DRUGS = frozenset(
    """marijuana cannabis fentanyl cocaine heroin methamphetamine meth ketamine psilocybin
    mdma lsd xylazine kratom opioids oxycodone mifepristone misoprostol ivermectin
    hydroxychloroquine acetaminophen tylenol semaglutide tirzepatide insulin nicotine
    naloxone""".split()
)
# A place's head after a possessive name makes one name with it: "Levi's Stadium".
POSSESSED_HEADS = frozenset(
    """stadium arena field park center centre hall hospital college school church cathedral
    chapel island square garden gardens theater theatre""".split()
)
# Titles that also start places' names ("US Capitol"): a place may start with them.
PLACE_TITLES = frozenset({"us"})
# A name ending with its country is an organisation's ("Turning Point USA", "Bank of America").
NATION_TAILS = frozenset("usa america us uk".split())
# The nations the news names most, none of them a city as well ("Which city ...?": not "America").
NATIONS = NATION_TAILS | {"united states", "united kingdom", "britain", "great britain"}
# Countries and states whose name is their capital's or a city's too ("Which city ...?" may be
# answered "Singapore", "Gaza" or "New York"; "Japan" or "Texas" answers no such question).
CITY_NAMED = frozenset(
    ["singapore", "monaco", "luxembourg", "kuwait", "djibouti", "vatican", "gaza", "san marino"]
    + ["new york", "washington"]
)
NOT_CITIES = (NATIONS | COUNTRIES | US_STATES | CONTINENTS) - CITY_NAMED
# Places a thing asked for is not ("Idaho" for "... at which university?", "Europe" for "Which
# company ...?"); a country may be asked for as a team or an ally (`SIDE_NOUNS`).
NOT_THINGS = COUNTRIES | NATION_TAILS | US_STATES | CONTINENTS
# The names the news gives the United States and the United Kingdom, each one country; a
# question writes them with capitals ("us" is a pronoun).
COUNTRY_ALIASES = {
    name: country
    for country, names in (
        ("us", ["us", "usa", "america", "united states", "united states of america"]),
        ("uk", ["uk", "britain", "great britain", "united kingdom"]),
    )
    for name in names
}
_COUNTRY_NAMED = re.compile(
    r"(?<![\w.])(?:U\.?S\.?A?\.?|America|United States(?: of America)?|U\.?K\.?|(?:Great )?Britain"
    r"|United Kingdom)(?![\w.])"
)
# The last word of an occasion's name ("Bastille Day", "Election Night", "Starry Nights"): no
# person unless a known first name comes first ("Jason Day").
OCCASION_HEADS = frozenset("day days night nights eve weekend".split())
OWNED_HEADS = POSSESSED_HEADS | OCCASION_HEADS  # after an owner's "'s", part of one name
# Words of a question asking for a day, a holiday or an event: "Turkey Day" may answer it.
OCCASION_NOUNS = frozenset(
    """day days holiday holidays celebration celebrations festival festivals occasion occasions
    event events tradition traditions observance night nights""".split()
)
# The last word of a contest's name: nobody ("Grand Slam [1]." answered "Who won the US Open?").
EVENT_HEADS = frozenset(
    """slam open cup series bowl championship championships tournament games olympics prix
    classic derby marathon""".split()
)
# A word naming a war wherever it comes after the first ("World War II", "Star Wars"): nobody.
WAR_WORDS = frozenset({"war", "wars"})
# After "what", nouns whose answer is a clause, not a name: "What was Bryan Kohberger's motive?"
# led "Idaho", "What is the best way to cook a steak?" "H5N1". ("Which of the following
# benefits" names one: "Medicaid".)
CLAUSE_NOUNS = frozenset(
    """motive motives reason reasons cause causes caused purpose impact impacts effect effects
    consequence consequences significance meaning message response reaction argument arguments
    lesson lessons outcome theme themes causing sentence penalty punishment connection
    connections relationship relationships link links difference differences happen happens
    happened happening way ways method methods""".split()
)
# "What makes popcorn pop?" asks what "What causes ...?" does: a cause (not "What company
# makes ...?", whose noun comes first)
CAUSING_VERBS = frozenset("make makes made".split())
# Illnesses and animals are named in lower case as often as not ("flu", "Listeria", "a bear"):
# a question for one is answered from these lists, a capitalised name being something else
# ("Which animals did Jane Goodall study?" led "Jane Goodall Institute").
DISEASE_NOUNS = frozenset(
    """disease diseases illness illnesses virus viruses bacteria bacterium outbreak outbreaks
    infection infections""".split()
)
DISEASES = tuple(
    " ".join(name.split())
    for name in """flu, influenza, bird flu, avian flu, h5n1, covid, covid-19, coronavirus,
    measles, mumps, rubella, polio, mpox, monkeypox, listeria, listeriosis, salmonella,
    e. coli, norovirus, rsv, cholera, ebola, marburg, zika, dengue, malaria, tuberculosis,
    whooping cough, pertussis, hepatitis a, hepatitis b, hepatitis c, botulism, legionnaires'
    disease, west nile virus, lyme disease, rabies, anthrax, hantavirus, meningitis,
    chickenpox, shingles, scarlet fever, strep a, valley fever, chikungunya,
    oropouche""".split(",")
)
# "What language ...?" is answered by a language's name, always capitalised: not by the country
# or team a sentence about that place names ("Argentina" for "What language is spoken there?").
LANGUAGE_NOUNS = frozenset("language languages tongue tongues dialect dialects".split())
LANGUAGES = tuple(
    " ".join(name.split())
    for name in """English, Spanish, French, German, Italian, Portuguese, Dutch, Flemish, Russian,
    Ukrainian, Belarusian, Polish, Czech, Slovak, Slovenian, Greek, Turkish, Arabic, Hebrew,
    Persian, Farsi, Dari, Pashto, Urdu, Hindi, Bengali, Punjabi, Gujarati, Marathi, Tamil, Telugu,
    Kannada, Malayalam, Nepali, Sinhala, Mandarin, Cantonese, Chinese, Tibetan, Mongolian,
    Japanese, Korean, Vietnamese, Thai, Khmer, Lao, Burmese, Indonesian, Malay, Tagalog, Filipino,
    Swahili, Amharic, Somali, Yoruba, Igbo, Hausa, Zulu, Xhosa, Afrikaans, Swedish, Norwegian,
    Danish, Finnish, Icelandic, Estonian, Latvian, Lithuanian, Hungarian, Romanian, Bulgarian,
    Serbian, Croatian, Bosnian, Albanian, Macedonian, Armenian, Georgian, Azerbaijani, Kazakh,
    Uzbek, Kurdish, Latin, Sanskrit, Yiddish, Catalan, Basque, Galician, Welsh, Irish, Gaelic,
    Scottish Gaelic, Breton, Maltese, Navajo, Cherokee, Hawaiian, Maori, Samoan, Quechua, Guarani,
    Creole, Haitian Creole, Esperanto, American Sign Language, Sign Language""".split(",")
)
# "What is the currency of ...?", "Which currencies ...?" (the noun ending the asked phrase): a
# currency's name ("franc", "yen"), in any case; not "won" or "real", mostly other words.
CURRENCY_NOUNS = frozenset("currency currencies".split())
CURRENCIES = tuple(
    " ".join(name.split())
    for name in """dollar, dollars, euro, euros, pound, pounds, sterling, pound sterling, yen, yuan,
    renminbi, franc, francs, peso, pesos, rupee, rupees, ruble, rubles, rouble, roubles, lira,
    krona, kronor, krone, kroner, zloty, forint, rand, shekel, shekels, dinar, dinars, dirham,
    dirhams, riyal, riyals, baht, ringgit, rupiah, hryvnia, naira, bitcoin""".split(",")
)
ANIMAL_NOUNS = frozenset(
    """animal animals creature creatures mammal mammals insect insects bird birds fish
    species reptile reptiles amphibian amphibians""".split()
)
ANIMALS = tuple(
    " ".join(name.split())
    for name in """bear, bears, wolf, wolves, dire wolf, dire wolves, coyote, coyotes, fox, foxes,
    deer, elk, moose, bison, buffalo, horse, horses, cow, cows, pig, pigs, sheep, goat, goats,
    chicken, chickens, turkey, turkeys, duck, ducks, goose, geese, eagle, eagles, bald eagle,
    owl, owls, hawk, hawks, falcon, penguin, penguins, parrot, parrots, pigeon, pigeons, crow,
    crows, dog, dogs, cat, cats, rat, rats, mouse, mice, squirrel, squirrels, rabbit, rabbits,
    bat, bats, lion, lions, tiger, tigers, leopard, leopards, cheetah, cheetahs, jaguar,
    jaguars, panda, pandas, giant panda, giant pandas, elephant, elephants, rhino, rhinos,
    rhinoceros, hippo, hippos, giraffe, giraffes, zebra, zebras, gorilla, gorillas,
    chimpanzee, chimpanzees, chimp, chimps, orangutan, orangutans, monkey, monkeys, baboon,
    baboons, kangaroo, kangaroos, koala, koalas, whale, whales, orca, orcas, dolphin, dolphins,
    porpoise, porpoises, vaquita, vaquitas, seal, seals, sea lion, sea lions, walrus, otter,
    otters, sea otter, sea otters, manatee, manatees, shark, sharks, great white shark, salmon,
    tuna, octopus, squid, jellyfish, starfish, sea star, sea stars, crab, crabs, lobster,
    lobsters, coral, corals, turtle, turtles, sea turtle, sea turtles, tortoise, alligator,
    alligators, crocodile, crocodiles, snake, snakes, python, pythons, rattlesnake, lizard,
    lizards, iguana, iguanas, frog, frogs, toad, toads, bee, bees, honeybee, honeybees, wasp,
    wasps, hornet, hornets, murder hornet, murder hornets, butterfly, butterflies, monarch
    butterfly, monarch butterflies, moth, moths, mosquito, mosquitoes, tick, ticks, ant,
    ants, termite, termites, beetle, beetles, locust, locusts, spider, spiders, scorpion,
    scorpions, mammoth, mammoths, woolly mammoth, moa, moas, dodo, dinosaur,
    dinosaurs""".split(",")
)
# Drugs are named either way ("marijuana", "Tylenol"); a person or an agency is none ("Which drug
# did Trump reclassify?" led "Donald Trump", "Which medicine ...?" "FDA").
# "Which type of ...": the noun after "of" is what is asked for.
KIND_WORDS = frozenset("type kind sort form".split())
DRUG_NOUNS = frozenset("drug drugs medicine medicines medication medications".split())
YEAR_NOUNS = frozenset({"year"})
DATE_NOUNS = frozenset("day date month time deadline".split())
DATE_PLURALS = frozenset({"dates", "deadlines"})  # not "times" ("19 times 23") nor "days"
AGE_NOUNS = frozenset("age ages".split())
COLOUR_NOUNS = frozenset("color colors colour colours".split())
COLOURS = frozenset(
    """red orange yellow green blue purple violet pink brown black white gray grey silver gold
    golden beige turquoise crimson maroon navy""".split()
)
# Works named in quotes ("Which movie ...?": “Jaws”); "show" only as a TV show ("Which award show
# ...?" asks for an event).
WORK_NOUNS = frozenset(
    """movie movies film films song songs album albums book books novel novels series sitcom
    documentary documentaries podcast podcasts musical musicals""".split()
)
TV_WORDS = frozenset("tv television streaming".split())
# After a work's noun, a noun naming where works are made or shown, which is then what is asked
# for: "Which movie theater ...", "Which film festival ...", "Which book publisher ...".
WORK_VENUES = frozenset(
    """theater theaters theatre theatres cinema cinemas studio studios festival festivals
    publisher publishers""".split()
)
# A word or phrase asked for ("What is the 2025 word of the year?") is quoted, in any case:
# “parasocial”, "six-seven".
WORD_NOUNS = frozenset(
    "word words phrase phrases slogan slogans catchphrase catchphrases slang expression".split()
)
# Questions about the weather or the sky ask for an event written in lower case: "a winter
# storm", "a total lunar eclipse"; these are its heads.
NATURAL_WORDS = frozenset("weather celestial astronomical sky skies phenomenon phenomena".split())
NATURAL_HEADS = frozenset(
    """storm storms snowstorm snowstorms blizzard blizzards hurricane hurricanes tornado tornadoes
    cyclone cyclones typhoon typhoons thunderstorm thunderstorms hailstorm hailstorms flood
    floods flooding drought droughts heatwave heatwaves wave waves freeze frost snow snowfall
    rain rainfall ice fog wildfire wildfires eclipse eclipses supermoon supermoons moon moons
    shower showers aurora auroras lights comet comets alignment conjunction""".split()
)
# A place's noun as `counted_unit` reads it.
PLACE_UNITS = frozenset(w[:-1] if w.endswith("s") else w for w in PLACE_NOUNS)
# What a span counting time counts, as `counted_unit` reads it: "72 hours" says how long, not
# how many hostages were freed.
TIME_UNITS = frozenset("second minute hour day night week month year decade century".split())
# What "how many" may ask in money or in shares ("How many dollars ...", "How many percent").
MONEY_UNITS = frozenset("dollar euro pound cent percent percentage point".split())
SHARE_NOUNS = frozenset("rate rates percentage percent share proportion fraction".split())
_SHARE = re.compile(r"%|\bper\s?cent\b|\bpercent\b")  # a share written: "20%", "5 percent"
CURRENCY_SIGNS = "$€£"  # the signs a sum is written with
_MONEY_OR_SHARE = re.compile(rf"^[{CURRENCY_SIGNS}]|{_SHARE.pattern}")
# What "how much" asks for when it asks for money ("How much money did it cost?").
MONEY_NOUNS = frozenset("money cash funding fund".split())
# Words that compare amounts: after a number, with "than", they make it a difference.
COMPARATIVES = frozenset(
    """more less fewer higher lower greater bigger smaller larger longer shorter""".split()
)
_DIFFERENCE = re.compile(rf"\s+(?:{'|'.join(sorted(COMPARATIVES))})\s+than\b", re.IGNORECASE)
# A time of day and its zone are capitalised but name nothing: "6:30 PM ET".
CLOCK_WORDS = frozenset("am pm et pt ct mt est edt cst cdt mst mdt pst pdt gmt utc bst cet".split())
# A measure, as `counted_unit` reads it: "the 20,000-pound limousine" weighs, it counts no
# presidents.
MEASURE_UNITS = frozenset(
    """pound ton tonne ounce gram kilogram kg lb mile foot feet inch yard meter metre
    kilometer kilometre km acre gallon liter litre degree mph magnitude""".split()
)
# A measure asked by its noun, and the units a number of it is written in right after it ("What
# is the melting point of chocolate?": "34°C", "93 degrees"; "the 1,250-foot tower"). A question
# asking one is answered by such a number or not at all: "Trader Joe's" gives no melting point,
# nor "14 carriages" a top speed.
_DISTANCE = (
    r"feet|foot|ft\.?|inch(?:es)?|yards?|miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|m"
    r"|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|light[- ]years?"
)
_DURATION = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|decades?"
    r"|centur(?:y|ies)"
)
DIMENSIONS = {
    "temperature": r"[°º]\s?[CFK]?|degrees?",
    "distance": _DISTANCE,
    "length": f"{_DISTANCE}|{_DURATION}",  # of a bridge or of a match
    "duration": _DURATION,
    "speed": rf"mph|km/h|kph|knots?|m/s|(?:{_DISTANCE})\s(?:per|an|a)\s(?:hour|minute|second)",
    "weight": r"pounds?|lbs?\.?|tons?|tonnes?|kilograms?|kilos?|kg|grams?|g|ounces?|oz",
}
# The noun a question asks the measure by, as the head of its noun phrase ("the top speed", not
# "which speed skater"): its dimension. "melting point" and its kin are read as a pair.
MEASURE_NOUNS = {
    "temperature": "temperature",
    "height": "distance",
    "depth": "distance",
    "width": "distance",
    "distance": "distance",
    "altitude": "distance",
    "elevation": "distance",
    "diameter": "distance",
    "radius": "distance",
    "circumference": "distance",
    "wingspan": "distance",
    "length": "length",
    "duration": "duration",
    "lifespan": "duration",
    "speed": "speed",
    "velocity": "speed",
    "wind": "speed",  # "its peak winds": how fast they blew
    "winds": "speed",
    "gusts": "speed",
    "weight": "weight",
}
# "How deep ...?" asks for a depth as "What is the depth ...?" does, so a number in a unit of it
# answers or nothing does. Not "how far" ("How far has the stock fallen?"), "how high" (a
# deduction's cap) nor "how long" (a time or a length): those ask for a number of any unit.
HOW_DIMENSIONS = {
    "tall": "distance",
    "deep": "distance",
    "wide": "distance",
    "fast": "speed",
    "heavy": "weight",
}
POINT_MEASURES = frozenset("melting boiling freezing".split())  # "... point": a temperature
# A number (in digits, not money, or in words) and the unit of a dimension written after it.
_MEASURED = {
    name: re.compile(rf"(?:\d[\d.,]*|[A-Za-z]+)(?:\s|-)?(?:{units})(?![\w/])")
    for name, units in DIMENSIONS.items()
}
_MEASURED_SPAN = 30  # characters after a number span `_MEASURED` reads its unit in

# Counts written in words ("Putin has met five U.S. presidents"). Not "one": "one of them", "no
# one" count nothing as often as they count one.
NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred"
).split()
TYPE_NOUNS = PERSON_NOUNS | PLACE_NOUNS | NUMBER_NOUNS | YEAR_NOUNS | DATE_NOUNS

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
CALENDAR_WORDS = frozenset((MONTHS + "|" + WEEKDAYS).split("|"))
_WEEKDAY_WORDS = frozenset(WEEKDAYS.split("|"))
# Words that make a weekday a day's name: "Black Friday", "Super Tuesday", "Good Friday".
NAMED_DAYS = frozenset("black good cyber super ash holy easter palm bloody giving maundy".split())
# Words that start a capitalised run without belonging to the name ("Former President Joe Biden").
TITLES = frozenset(
    """president former vice secretary sen senator rep gov governor mayor dr mr mrs ms prime
    minister gen general judge justice chancellor ceo chief rev acting attorney us ambassador
    speaker commissioner director chairman chairwoman sheriff spokesman spokeswoman
    spokesperson representative lt col sgt adm admiral deputy assistant special envoy
    press vp""".split()
)
_PLACELESS_TITLES = TITLES - NATION_TAILS  # a title alone is nowhere; "U.S." is a place
# Faiths, peoples and nationalities: what somebody is, not who ("Jewish" from "Jewish and civil
# rights groups" led "Who set fire to the synagogue?"). Words that are also names are not here:
# "Brian", "Christian" (but "Christians" is), "White" (Betty White), "Black" (Jack Black),
# "English". ("Lady" is no title either: Lady Gaga.)
DEMONYMS = frozenset(
    """jewish muslim catholic protestant evangelical hindu sikh buddhist arab latino latina
    christians jew israelite mormon amish persian
    hispanic asian african european american mexican canadian british irish scottish welsh
    french german italian spanish portuguese dutch swiss greek polish swedish
    danish finnish norwegian russian ukrainian turkish kurdish iranian iraqi israeli
    palestinian syrian lebanese egyptian saudi afghan pakistani indian chinese japanese korean
    vietnamese taiwanese filipino australian brazilian cuban venezuelan colombian haitian
    nigerian ethiopian sudanese somali yemeni bangladeshi qatari omani emirati kuwaiti nepali
    """.split()
)
ARTICLES = frozenset("the a an".split())  # dropped from the start of a name
# Lower-case words allowed inside a name ("University of Idaho", "Tren de Aragua").
CONNECTORS = frozenset("of de del la los las le du van von da di".split())
# Lower-case words that begin a surname ("des Cars", "van Gogh"): a full name may hold them.
SURNAME_PARTICLES = frozenset("de des del della la le du van von der da di".split())

_WH = re.compile(
    r"\b(?P<how>how\s+(?:many|much|old|long|tall|far|big|deep|wide|fast|heavy))\b"
    r"|\b(?P<which>which|what)\s+(?:of\s+the\s+following\s+)?(?:other\s+)?"  # "Which other senator"
    r"(?P<noun>(?:[\w’'\-]+\s+){0,5}[\w’'\-]+)"
    r"|\b(?P<wh>who|whom|whose|where|when)\b",
    re.IGNORECASE,
)
# After "what", a rise or a fall to a level asked: "What would the tariff rate rise to ...?"
_CHANGED_TO = re.compile(
    r"\s+(?:would|will|did|does|do|could|might|has|have|had)\s+(?P<subject>(?:[\w’'.\-]+\s+){1,8}?)"
    r"(?:rise|fall|drop|climb|increase|decrease|grow|jump|surge|soar|plunge|sink|shrink|"
    r"rebound|slip|slide|tumble)\s+to\b",
    re.IGNORECASE,
)
_WHAT_IS = re.compile(r"\b(what|which)['’]?s\b", re.IGNORECASE)  # "what's", "whats"
# A "when", "where" or "while" clause after the verb a "what did ..." question asks about: "...
# when he left DOGE?" says which moment, it asks none
_WHEN_CLAUSE = re.compile(r"\s(?:when|where|while)\s", re.IGNORECASE)
# ... unless a new question starts before it ("What did he do? When ...?")
_NEW_QUESTION = re.compile(r"[?.!:;]\s")
_NAME_FIRST = re.compile(r"^\W*(?:the\s+)?names?\s+of\b", re.IGNORECASE)
# A question opening with "why" or with "how" and a verb of what happened asks for a clause: a
# wh-word after it ("How did Stout plead when he was arraigned?") is no part of what is asked.
# Not "how do", "how can" and their kin, which ask how to do something ("How can I stop my
# glasses fogging up when I wear a mask?" is asked as before).
_CLAUSE_ASKED = re.compile(
    r"\W*(?:why|how\s+(?:did|is|are|was|were|has|have|had))\b",
    re.IGNORECASE,
)
# After "who": "is" and a name only ("Who is Zohran Mamdani?", "Who are the Proud Boys?"), its
# particles too ("Who is Ursula von der Leyen?").
_PARTICLE = rf"(?:{'|'.join(sorted(SURNAME_PARTICLES))})"
_DESCRIBE = re.compile(
    r"\s+(?:is|was|are|were)\s+(?:the\s+)?"
    rf"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w.'’-]*)*)"
    r"\s*[?.!]?\s*$"
)
# After "what": "is" and a bare term, to the question's end ("What is quiet quitting?", "What
# are tariffs"); not "What is the name of ...", "What is its name?", "What is Cambridge
# Dictionary's word of the year?" (a determiner or an owner: the noun after it is asked for).
_DEFINE = re.compile(
    r"\s+(?:is|are|was|were)\s+(?!(?:the|a|an|its|his|her|their|this|that|these|those|"
    r"widely|now|currently|also|still)\b)[^\s?'’]+(?:\s+[^\s?'’]+){0,3}\s*\??\s*$",
    re.IGNORECASE,
)
# "What is the film about?" asks what it says, not for a name; "What was he arrested for?" why
# ("What team does he play for?" asks for a name: a noun comes first; so does "What is the name
# of the team he plays for?").
# before the noun read: "its name", "that shade" ("What's that shade called?")
_DETERMINERS = frozenset("the its his her their this that these those".split())
# "What was his name?": a man's or a woman's name is a person's ("its" or "their" name may be
# a company's or a band's).
_PERSONS_NAME = re.compile(
    r"\bwhat(?:\s+(?:is|was)|['’]s)\s+(?:his|her)\s+(?:(?:full|first|last)\s+)?name\b",
    re.IGNORECASE,
)
# Stop words of the search that describe the noun after them: "Which New Jersey company ...?",
# "Which latest iPhone ...?" ask for a name as "Which company ...?" does.
_TIME_ADJECTIVES = frozenset("new newest latest recent last".split())
_PHRASE_STOPWORDS = STOPWORDS - _TIME_ADJECTIVES  # the stop words that end a "which" phrase
_ABOUT = re.compile(r"\babout\s*[?.!]?\s*$", re.IGNORECASE)
_FOR = re.compile(
    r"\s+(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could)\s(?!.*\bname\b)"
    r".*\bfor\s*[?.!]?\s*$",
    re.IGNORECASE,
)
# After "what": "is the" and a name to the question's end is that name ("What is the Big
# Beautiful Bill?"), not "the name of ..." in lower case.
_DEFINE_NAME = re.compile(
    r"\s+(?:is|are|was|were)\s+the\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*\s*\??\s*$"
)
_WORD = re.compile(r"\w(?:[\w'’&.\-]*\w)?")
_PRONOUN_I = re.compile(r"I(?:['’](?:ll|m|ve|d))?")  # "I", "I'll", "I'm", "I've", "I'd"
_SCORE = re.compile(r"\d+[-–]\d+")  # a score or a range: 1-2, 40-22, 2024-25
SCORE_NOUNS = frozenset({"score", "scores"})
_NUMBER = re.compile(
    rf"(?<![\w.,])(?<!\d[-–])(?:[{CURRENCY_SIGNS}]\s?)?\d+(?:[.,]\d+)*"
    r"(?:[-–]\d+(?![\w.]|,\d))?"  # a range or a score: "1-3", "427-1, ..."
    r"(?![.,]?\d|[-–]\d)"  # (no part of a longer run of digits: "844-965-1386", a phone's)
    r"(?:\s?%|\s(?:percent|million|billion|trillion|thousand)\b)?"
)
# A word number in lower case, or capitalised where a sentence starts ("Four people died").
_WORD_NUMBER = re.compile(
    r"(?:^|(?<=[\"“‘(]))(?:"
    + "|".join(w.capitalize() for w in NUMBER_WORDS)
    + r")\b|\b(?:"
    + "|".join(NUMBER_WORDS)
    + r")\b"
)
# A letter in quotes before a noun it marks: the "M" pills, an "F" grade.
_QUOTED_LETTER = re.compile(r"[\"“‘']\w[\"”’']\s+(?P<noun>[a-z]+)")
_TIMES = re.compile(r"\b(?:twice|thrice)\b", re.IGNORECASE)  # a count of times in a word
# After a span of time, a word that makes it a when: "two days before", "three years later".
_RELATIVE_TIME = re.compile(r"\s+(?:before|after|later|earlier|ago|prior|since)\b")
# "Who won ...?", "Which team beat ...?": the question asks for the one who won.
_ASKS_WINNER = re.compile(
    r"\b(?:who|which(?:\s+(?!(?:did|does|do|has|have|had|will|would|is|was)\b)[\w’'\-]+){1,3})"
    r"\s+(?:won|wins|beat|beats|defeated|defeats)\b",
    re.IGNORECASE,
)
# A name right after a defeat ("Sherrill defeated Republican Jack Ciattarelli") is who lost; a
# party or a capitalised title word may stand between.
_DEFEATED = re.compile(
    r"\b(?:defeated|defeating|defeats|beat|beats|beating|ousted|unseated|edged(?:\s+out)?|"
    r"topped|over)\s+(?:(?:the|incumbent|former)\s+)?"
    # "over the top seed Sinner": a few lower-case words describing who lost
    r"(?:(?!(?:and|or|but|to|in|as|who|which|that|with|for|by|of)\b)[a-z][\w\-]*\s+){0,3}"
    r"(?:[A-Z][\w'’]*\s+)?$"
)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# A name after the kind of thing it names is that thing's, nobody's: "in the journal Nature
# Geoscience", "the app TikTok", "the band Queen" (but "the singer Taylor Swift").
THING_NOUNS = frozenset(
    """journal magazine newspaper paper outlet publication app band company firm startup brand
    platform network website site channel show series film movie album song book novel ship
    vessel group organization organisation nonprofit charity""".split()
)
_THING_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+(?:" + "|".join(sorted(THING_NOUNS)) + r")\s+$",
    re.IGNORECASE,
)
_ARTICLE_BEFORE_NAME = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+$")  # "a McDonald's", "the Macy's"
# A date right after a verb of saying or of dying dates that act ("said Thursday", "died on
# Monday, Nov. 3"), not the event asked about, unless the question asks of that act (its first
# VERB_STEM letters: "die" of "died", "announc" of "announced").
_VERB_BEFORE_DATE = re.compile(
    r"\b(said|says|told|announced|reported|confirmed|wrote|posted|added|died)\s+"
    r"(?:in\s+an?\s+(?:statement|post|release|interview|email|letter)\s+)?(?:on\s+)?$"
)
VERB_STEM = 3
# (the surname in a look-ahead: "President Donald Trump" holds "Donald Trump" after "President";
# past a middle initial: "Robert F. Kennedy Jr.")
_FIRST_AND_LAST = re.compile(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?(?=([A-Z][\w'’\-]+))")
# A name glued to "+" is a streaming service: "Paramount+", "Disney+".
_PLUS_AFTER = re.compile(r"\+")
_DIGIT_TAIL = re.compile(r"[^\W\d_][\w\-]*\d$")  # a word of letters ending in digits: "N2"
# "What is the name of ...?", "What are the names ...": the span after "named" is the answer.
# Roles a person is written with ("Sen. Ron Wyden", "Michelle Rowland, the communications
# minister"): "Which senator ...?" or "Who is the minister who ...?" is led by one so written.
ROLE_NOUNS = frozenset(
    """president senator governor mayor lawmaker judge executive ceo founder director coach
    minister ambassador secretary chancellor speaker commissioner chairman chairwoman sheriff
    spokesman spokeswoman spokesperson representative admiral envoy justice official economist
    adviser advisor prosecutor attorney general king queen prince princess pope commander""".split()
)
ROLE_BEFORE = 4  # words before a name its role may be among ("Communications Minister ...")
ROLE_AFTER = 8  # words after a name and its comma ("Mark Zandi, Moody's chief economist")
# (the role may be a named owner's: "Who was Club América's head coach when ...?"; not "Who
# was elected New York City's mayor ...?", where a verb comes first)
_DESCRIBED_ROLE = re.compile(
    r"^\s*who\s+(?:is|was|are|were)\s+(?:the|(?-i:[A-Z])(?:[\w.\-]+\s+){0,3}[\w.\-]+['’]s?)\s+"
    r"(?P<role>[^?]+?)\s+"
    r"(?:who|that|whose|during|when|while|at|in|on|after|before|(?-i:[a-z]+ing))\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = {
    role: {short for short, written in TITLE_ROLES.items() if role in written}
    for role in ROLE_NOUNS
}


def asked_role(question: str, expected: ExpectedType) -> str | None:
    """The role of the person a question asks for: "senator" of "Which senator introduced
    ...?", "minister" of "Who was the Australian communications minister who called ...?",
    "spokesman" of "Who was the Taliban's main spokesman at its first press conference?"; None
    for any other question."""
    if expected.kind != PERSON:
        return None
    if expected.noun in ROLE_NOUNS:
        return expected.noun
    m = _DESCRIBED_ROLE.match(question)
    head = singular(_key_word(m.group("role").split()[-1])) if m else None
    return head if head in ROLE_NOUNS else None


QUALIFIED_ROLE_WORDS = 6  # at most this many words from "which" to the role's noun
# "Who's the Crescent City manager who ...?", "Who was the Boise police chief ...?": the role
# follows "the"
_WHO_IS_THE = re.compile(r"\bwho(?:['’]s|\s+(?:is|was))\s+the\s+", re.IGNORECASE)


def _who_role(question: str) -> str | None:
    """The role "Who is the ...?" asks the holder of, as written with a named qualifier:
    "Crescent City manager" of "Who's the Crescent City manager who briefed ...?" (the noun
    phrase up to its last person's noun, before any function word); None without a
    capitalised word before that noun ("Who is the police chief in Boise?")."""
    m = _WHO_IS_THE.search(question)
    if m is None:
        return None
    words = list(_PHRASE_WORD.finditer(question, m.end()))[:QUALIFIED_ROLE_WORDS]
    cut = next((i for i, w in enumerate(words) if w.group().lower() in STOPWORDS), len(words))
    nouns = [
        i
        for i, w in enumerate(words[:cut])
        if i and singular(_key_word(w.group())) in PERSON_NOUNS and not _possessive(w.group())
    ]
    if not nouns or not any(w.group()[:1].isupper() for w in words[: nouns[-1]]):
        return None
    return question[words[0].start() : words[nouns[-1]].end()]


def qualified_role(question: str) -> str | None:
    """The role a "which" question asks a person of, as written with a named qualifier:
    "Colorado College political scientist" of "Which Colorado College political scientist
    weighed in on ...?"; None for a role with no capitalised word before its noun ("Which
    political scientist ...?") and for questions asking no person by a noun. "Who is the
    ...?" asks the same of the role after "the" (`_who_role`)."""
    expected = expected_type(question)
    if expected is None or expected.kind != PERSON:
        return None
    if not expected.noun:
        return _who_role(question)
    m = re.search(
        rf"\b(?:which|what)\s+(?P<role>(?:[\w.'’&\-]+\s+){{1,{QUALIFIED_ROLE_WORDS - 1}}}?"
        rf"{re.escape(expected.noun)})\b",
        question,
        re.IGNORECASE,
    )
    if m is None or not any(w[:1].isupper() for w in m.group("role").split()[:-1]):
        return None
    return m.group("role")


def written_with_role(sentence: str, span: Span, role: str) -> bool:
    """Whether the sentence writes the person `span` names with `role`: among the ROLE_BEFORE
    words before the name ("Sen. Ron Wyden", "Communications Minister Michelle Rowland") or the
    ROLE_AFTER after it and its comma ("Mark Zandi, Moody's chief economist")."""
    forms = {role, *_ABBREVIATIONS.get(role, ())}
    before = re.findall(r"[a-z]+", sentence[: span.start].lower())[-ROLE_BEFORE:]
    after = sentence[span.end :]
    apposed = re.findall(r"[a-z]+", after.lower())[:ROLE_AFTER] if after.startswith(",") else []
    words = {*before, *apposed}
    return bool(forms & (words | {singular(w) for w in words}))


# ("What's" and "whats" as "What is": `_WHAT_IS`)
_ASKS_NAME = re.compile(
    r"\bwhat(?:['’]?s|\s+(?:is|are|was|were))\s+(?:the\s+)?names?\b", re.IGNORECASE
)
_NAMED_BEFORE = re.compile(r"\b(?:named|called|dubbed|nicknamed)\s+$")
# A word of a noun phrase: initials with their full stops ("U.S."), or a word.
_PHRASE_WORD = re.compile(r"(?:[A-Z]\.){2,}|\w[\w'’&\-]*")
# A bare number after a name and its comma, closed by punctuation, is an age: "Madison Mogen, 21;"
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’\-]*,\s$")
_AGE_CLOSE = re.compile(r"\s*(?:[,;)]|$|\.(?:\s|$))")
_UNIT = re.compile(r"(?:(?:-[a-z]+)+|\s(?P<unit>[a-z][a-z\-]+))")
# Verbs that may follow an amount and are no unit of it ("$102 million may never be found").
MODAL_VERBS = frozenset("may might must shall".split())
# Prepositions the stopword list lacks: "20 within 72 hours" counts no "within".
PREPOSITIONS = frozenset(
    """within across among amid amongst including despite without toward towards via upon
    beyond behind near inside outside versus vs""".split()
)
NOT_UNITS = STOPWORDS | MODAL_VERBS | PREPOSITIONS
# An adverb is no unit either ("720,810 potentially affected cars"); these nouns end as one does.
LY_NOUNS = frozenset("family ally assembly supply rally butterfly monopoly anomaly lily".split())
_DATE = re.compile(
    rf"\b(?:(?:(?:{WEEKDAYS}),?\s+)?(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{MONTHS})\.?\s+(?:19|20)\d\d|\d{{1,2}}\s+(?:{MONTHS})(?:\s+(?:19|20)\d\d)?"
    rf"|(?:{WEEKDAYS})|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "WASHINGTON —", "BASEL, Switzerland —", "HANOI, Vietnam (AP) —", "PUTRAJAYA, Malaysia, July 28
# (Reuters) -": where the story was filed and the agency that filed it, not what it says.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][\w.]*(?:\s[A-Z0-9][\w.]*)*){0,2}"
    r"(?:\s*\([\w.&'’ ]{1,30}\))?\s*[—–−‒―-]\s"
)
_NATIONALITY = re.compile(r"(?:ian|can|ish|ese|eli|ch)$")  # Russian, Mexican, British, ...
_INITIALS = re.compile(r"(?:^|\s)(?:[A-Z]\.)+[A-Z]$")
# A clock time or a ratio ("12:30 p.m.", "3:1"): no count, nor are its two numbers; nor is an
# hour ("8 p.m.", "5 a.m.", "9pm").
_CLOCK = re.compile(
    r"(?<![\w:])\d+:\d+(?![\w:])|(?<![\w:.,])\d{1,2}(?=\s?(?:[ap]\.m\.?|[ap]m\b))", re.IGNORECASE
)
# A time of day with its zone, as "At what time ...?" asks for: "4 a.m. local time", "9 p.m. ET",
# "10:30 a.m."
_CLOCK_TIME = re.compile(
    r"(?<![\w:.,])\d{1,2}(?::\d\d)?\s?(?:[ap]\.m\.|[ap]m\b)"
    r"(?:\s(?:local\s+time|[ECMP][SD]?T|GMT|UTC)\b)?",
    re.IGNORECASE,
)
# "5'11\"", "5′11″", "6-foot-2", "5 feet 9 inches": a height is one number, not "5".
_HEIGHT = re.compile(
    r"(?<![\w.,'’])\d{1,2}(?:['’′]\s?\d{1,2}(?:\"|”|″|'')?|-foot(?:-\d{1,2})?"
    r"|\s(?:feet|foot|ft\.?)\s\d{1,2}(?:\s(?:inches|inch|in\.))?)(?!\w)"
)
# A number after a name of two capitalised words or a hyphen is part of that name ("Super Bowl
# 59", "World War 2", "Crew-10"), not a count.
_NAME_BEFORE_NUMBER = re.compile(r"(?:\b([A-Z][\w'’]*)\s+[A-Z][\w'’]*\s|[A-Z]\w*-)$")
# One capitalised word after "the" or "a" names a model or a building with its number ("the
# Taipei 101", "a Boeing 737"); without the article it may be a score ("Eagles 40, Chiefs 22").
_ARTICLE_NAME_BEFORE_NUMBER = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+[A-Z][\w'’]*\s+$")
# The capitalised run after "<Name> for the" ("Center for the Performing Arts") or "<Center> for"
# ("Centers for Disease Control") ends an institution's name: it is nobody and nothing alone.
_NAME_TAIL = re.compile(r"\b[A-Z][\w'’\-]*\s+for\s+the\s+$|\b(?P<head>[A-Z][a-z]+)\s+for\s+$")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")  # right after the digits
_GENUS = re.compile(r"\.\s+[a-z]")  # after a lone capital: "E. coli", "C. diff"
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # "U.S", "D.C" as `_WORD` reads them
_NUMBERING = r"(?:No|Nos|Nr|Vol|Art|Ch|Pt)\.\s?"  # "No. 1", "Art. 5": a rank or a part
_NUMBERED = re.compile(_NUMBERING + r"\d")  # the abbreviation, where a name would start
_NUMBERED_BEFORE = re.compile(r"\b" + _NUMBERING + "$")  # the same, before a number
# Letters glued to a number make a name ("5G", "3D"), except a scale or a decade ("$5m", "1990s").
_GLUED = re.compile(r"(?!(?:m|bn|k|M|B|K|s)\b)[A-Za-z]")
# Names whose number is part of them, not a count: "state Route 83", "Proposition 50", "Category
# 5", "Game 7", "Apollo 11".
NUMBERED_NAMES = frozenset(
    """route highway interstate flight proposition prop measure amendment category game week
    episode season phase stage chapter section article gate terminal platform district ward
    precinct apollo artemis hb sb ab hr""".split()
)
# Those of them that name no place: "Category 5" is no answer to "Where did the hurricane hit?"
# ("Route 83", "Gate 12", "District 9" may be one).
UNPLACED_NUMBERED = NUMBERED_NAMES - {
    "route",
    "highway",
    "interstate",
    "gate",
    "terminal",
    "platform",
    "district",
    "ward",
    "precinct",
}
_WORD_BEFORE = re.compile(r"\b([A-Z][A-Za-z]+)\s$")  # "Route 83", "HB 22"
# A capitalised word joined to a lower-case participle or the like is an adjective
# ("Oscar-winning", "Kremlin-backed", "Texas-based"), no name ("Kim Jong-un" stays one).
_COMPOUND_ADJECTIVE = re.compile(r"-(?:[a-z]+(?:ing|ed)|based|born|era|style|like|made|run|wide)$")
YEAR_PATTERN = re.compile(r"\b(?:19|20)\d\d\b")
# A bare year between an article and a name is part of the name ("the 2026 Winter Olympics"):
# the event's year, not a date of it ("In 2019 Congress passed it" is one).
_YEAR_BEFORE_NAME = re.compile(r"(?:19|20)\d\d\s+[A-Z]")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|next|last)\s+$", re.IGNORECASE)
_YEAR_SPAN = re.compile(r"(?:19|20)\d\d[-–](?:(?:19|20)?\d\d)")  # "2014-2024", "2019-20": a period
# Years joined before a name are its models or its season ("2021-2024 Bronco Sport vehicles",
# "the 2024-25 NBA season"), not a date of it.
_YEARS_BEFORE_NAME = re.compile(_YEAR_SPAN.pattern + r"\s+[A-Z]")
# An earlier year, known by the word before it ("founded in 1871", "since 1888", "of 1927"): no
# count, which the news writes with a comma or a unit ("1,871 fans", "1500 players").
_OLD_YEAR = re.compile(r"1[0-8]\d\d")
_YEAR_WORD_BEFORE = re.compile(
    r"\b(?:in|since|of|by|until|till|from|before|after|circa|around)\s+$", re.IGNORECASE
)
_MONEY = re.compile(rf"[{CURRENCY_SIGNS}]|\b(?:dollars?|euros?|pounds)\b", re.IGNORECASE)
# After a name, a word that makes it an award's: "Cy Young winner Max Scherzer" (not "Cy Young").
# ("-winning" and "-nominated" only hyphenated: "Zohran Mamdani winning 50%" is a person.)
_AWARD_AFTER = re.compile(
    r"(?:[\s\-]+(?:winner|winners|award|awards|trophy|medal|medalist|medalists|honoree|nominee|"
    r"nominees)|-winning|-nominated)\b"
)
_GOVERNMENT_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(GOVERNMENT_WORDS)) + r")\b")
_DAY_OR_MONTH = re.compile(rf"\d|\b(?:{MONTHS})\b", re.IGNORECASE)  # a date more exact than a year
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class ExpectedType:
    """What a question asks for: `kind` (person, place, date, year, number, entity), the noun
    after "which" ("country") and whether it asks for several ("which two states")."""

    kind: str
    noun: str | None = None
    several: bool = False
    # "How many delta variant cases ...": the words a count of the asked thing ends with
    units: frozenset[str] = frozenset()
    # "Which large company ...": the words naming what is asked for, of a thing or a place
    # (`_asked_heads`)
    heads: frozenset[str] = field(default=frozenset(), compare=False)
    # "What is the melting point ...?": the measure asked for (a key of DIMENSIONS)
    dimension: str | None = None


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of a sentence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Lead:
    """The chosen span, the index of the sentence it came from, and its score."""

    span: Span
    sentence: int
    score: float


def question_words(question: str) -> frozenset[str]:
    """Every word of the question, lower-case, without a possessive "'s", and the acronym of
    each name of two words or more ("au" of "African Union": "AU" repeats it) but a person's
    ("Dick Cheney" is no "D.C.")."""
    acronyms = {
        "".join(w[0] for w in words).lower()
        for words in (m.group().split() for m in _NAME_RUN.finditer(question))
        if _key_word(words[0]) not in GIVEN_NAMES
    }
    return frozenset(_key_word(w) for w in _WORD.findall(question)) | acronyms


# Two or more capitalised words in a row: a name whose acronym the news may write instead.
_NAME_RUN = re.compile(r"(?<![\w.])[A-Z][a-z][\w'’\-]*(?:\s+[A-Z][a-z][\w'’\-]*)+")


def _key_word(word: str) -> str:
    """`word` as a question's and a span's words are compared: folded (lower case, without
    accents: "Beyonce" typed for "Beyoncé"), without a possessive "'s" or full stops."""
    word = fold(word).replace("’", "'")
    return word.removesuffix("'s").replace(".", "")


def expected_type(question: str) -> ExpectedType | None:
    """The kind of thing the question asks for, from its first wh-phrase (after any opening
    "When ...," clause: `opening_clause_end`); None for questions ("why", "how did", "what
    happened") whose answer is a clause, not a span."""
    question = _WHAT_IS.sub(r"\1 is", question)  # "What's the payout?" asks "What is ..."
    # "name of the judge in ..." typed first asks what "What is the name of ..." does
    question = _NAME_FIRST.sub("What is the name of", question)
    start = opening_clause_end(question)
    if _CLAUSE_ASKED.match(question, start):
        return None  # "How did he plead when he was arraigned?" asks no date
    if _PERSONS_NAME.search(question, start):
        # "The mail carrier whose death was blamed on the heat: what was his name?"
        return ExpectedType(PERSON)
    for m in _WH.finditer(question, start):
        if m.group("how"):
            how = m.group("how").lower().split()[-1]
            if how in HOW_DIMENSIONS:  # "How deep underground ...?" counts no "underground"
                return ExpectedType(NUMBER, dimension=HOW_DIMENSIONS[how])
            if how not in ("many", "much", "old", "far"):
                return None
            # "How much is the settlement?": `noun` "much", for which money is the very kind;
            # "How old was he?": `noun` "old", answered by an age
            noun = how if how in ("much", "old") else None
            return ExpectedType(NUMBER, noun, units=_asked_units(question[m.end() :]))
        if m.group("wh"):
            wh = m.group("wh").lower()
            if wh in ("who", "whom"):
                if _DESCRIBE.match(question, m.end()):
                    return None  # "Who is Zohran Mamdani?": who that person is, not a name
                return ExpectedType(PERSON)
            if wh == "where":
                if _FINISHED.match(question, m.end()):
                    return ExpectedType(RANK)  # "Where did she finish?": "eighth"
                return ExpectedType(PLACE, heads=_asked_heads(question))
            if wh == "when":
                return ExpectedType(DATE)
            return ExpectedType(ENTITY)
        what = m.group("which").lower() == "what"
        if what and (changed := _CHANGED_TO.match(question, m.end("which"))):
            # "What would the average tariff rate rise to ...?": a level of the rate, "20%"
            subject = [_key_word(w) for w in changed.group("subject").split()]
            return ExpectedType(NUMBER, next((w for w in subject if w in NUMBER_NOUNS), None))
        if what and _record_asked(question, m.end("which")):
            # "What was the Cowboys' Thanksgiving record heading into ...?": games won and lost
            return ExpectedType(NUMBER, "record")
        if what and (
            _DEFINE.match(question, m.end("which"))
            or _DEFINE_NAME.match(question, m.end("which"))
            or _ABOUT.search(question, m.end("which"))
            or _FOR.match(question, m.end("which"))
        ):
            return None  # "What is quiet quitting?", "What is the film about?": no name
        phrase = _before_verb(m.group("noun").split())
        words = [_key_word(w) for w in phrase]
        written = list(phrase)  # the words as written, beside `words` ("president's")
        # A noun phrase after "what is the" has no verb, so a person's noun before another noun
        # describes it ("What was the official theme ...?": a theme), unless it owns it ("What
        # was the official's name?").
        before_noun: set[int] = set()
        if what and words[0] in ("is", "was", "are", "were"):
            # "What is the name of the storm ...", "What is the list price ...": read the noun.
            kept = [i for i in range(1, len(words)) if words[i] not in _DETERMINERS]
            before_noun = {n for n, i in enumerate(kept) if not _possessive(phrase[i])}
            words = [words[i] for i in kept] or ["name"]
            written = [written[i] for i in kept] or ["name"]
            person = _named_person(question, m.start("noun"))
            if person:
                # "What was the name of the 62-year-old ... inmate who died ...?": a person's
                return ExpectedType(PERSON, person, several=words[0] == "names")
            titled = _TITLE_OF.match(question, m.start("noun"))
            if titled and TITLED & {_key_word(w) for w in titled.group("phrase").split()}:
                return ExpectedType(WORK)  # "What's the title of Harrison's new memoir?"
        if words[0] in _PHRASE_STOPWORDS and words[0] not in TYPE_NOUNS:
            # "what did ...", "what does ...": look for a later wh-phrase, but one of its own
            # clause ("What did Trump give Musk when he left?") asks no date or place
            clause = _WHEN_CLAUSE.search(question, m.end("which"))
            if clause is not None and not _NEW_QUESTION.search(question, m.end(), clause.end()):
                return None
            continue
        if len(words) > 2 and words[0] in KIND_WORDS and words[1] == "of":
            words = words[2:]  # "Which type of outbreak ...": the noun is "outbreak"
            written = written[2:]
            before_noun = {i - 2 for i in before_noun if i >= 2}
        # The noun phrase ends at the first function word ("Which movie does ...").
        cut = next(
            (i for i, w in enumerate(words) if i and w in STOPWORDS and not _outlets(words, i)),
            len(words),
        )
        words, written = words[:cut], written[:cut]
        several = words[0] in ("two", "three", "both", "names")  # "names": all of them
        if not what and _people(words[0]) and (len(words) == 1 or _past(words[1])):
            # "Which American will play Sinner ...?", "Which Canadians won ...?": someone of
            # that people
            return ExpectedType(PERSON, several=singular(words[0]) != words[0])
        if words[-1] in CURRENCY_NOUNS or words[0] in CURRENCY_NOUNS:
            # "What is the currency ...?": "franc"; first in "Which currency hit ...?", whose
            # verb the phrase keeps ("currency pair" is asked in no news question)
            return ExpectedType(CURRENCY, several=several)
        if words[-1] in LANGUAGE_NOUNS:
            # "What language ...?": "Spanish"; "the official languages" asks for no official
            return ExpectedType(LANGUAGE, several=several)
        dimension = _asked_dimension(words)
        if dimension is not None:
            return ExpectedType(NUMBER, words[-1], dimension=dimension)
        for i, w in enumerate(words):
            w = _COMPOUND_HEAD.sub(r"\1", w)  # "editor-in-chief": an editor
            if w in YEAR_NOUNS:
                return ExpectedType(YEAR, w)
            if w in DATE_NOUNS or w in DATE_PLURALS:  # "On what dates ...?"
                return ExpectedType(DATE, singular(w))
            if w in FLOOR_NOUNS and i == len(words) - 1:
                # "Which floor ...?": "the 15th" (a "floor leader" is a person)
                return ExpectedType(RANK, w)
            if w in AGE_NOUNS:  # "What age ...?" asks what "How old ...?" does
                return ExpectedType(NUMBER, "old")
            if w in PEAK_NOUNS and i == len(words) - 1:
                return ExpectedType(NUMBER, w)  # "What record high ...?": "$3,128.06 per ounce"
            if w in NUMBER_NOUNS and not (i + 1 < len(words) and words[i + 1].endswith("ing")):
                # (a number's noun before a gerund names an activity: "which speed skating
                # event" asks for an event)
                return ExpectedType(NUMBER, w)
            if (
                (w in PERSON_NOUNS or singular(w) in PERSON_NOUNS)
                and not (
                    (i in before_noun and i + 1 < len(words)) or _owns_asked(written, words, i)
                )
                and not (singular(w) == "manager" and i and words[i - 1] in FIRM_MANAGERS)
            ):  # "Which stars ...?"
                return ExpectedType(PERSON, w, several)
            if (
                w in PLACE_NOUNS
                and not _modifies_person(words, i)
                and not (what and _owns_asked(written, words, i))
            ):
                # ("Which state senator ...", "Which country singer ...": a person; "the state's
                # average price" asks for a price, "Which state's governor ...?" for a state)
                return ExpectedType(PLACE, w, several, heads=_asked_heads(question))
            if (
                w in INSTITUTION_HEADS
                and not _modifies_person(words, i)
                and not _possessive(written[i])  # "the Tax Foundation's estimate"
            ):
                break  # "Which stadium hosts ...": the noun is "stadium"; "hosts" is a verb
        if any(w in COLOUR_NOUNS for w in words):
            return ExpectedType(COLOUR, several=several)
        if any(w in NATURAL_WORDS for w in words):
            return ExpectedType(NATURAL_EVENT, several=several)
        if any(w in WORD_NOUNS for w in words):
            return ExpectedType(WORD, several=several)
        if any(
            w in WORK_NOUNS and after not in WORK_VENUES
            for w, after in zip(words, [*words[1:], ""], strict=True)
        ) or ({"show", "shows"} & set(words) and TV_WORDS & set(words)):
            return ExpectedType(WORK, several=several)
        if what and (any(w in CLAUSE_NOUNS for w in words) or words[0] in CAUSING_VERBS):
            # "What was the motive?", "What makes popcorn pop?": a clause answers, not a name
            return None
        if any(w in DISEASE_NOUNS for w in words):
            return ExpectedType(ILLNESS, several=several)  # "Which illness ...?": "flu"
        if any(w in ANIMAL_NOUNS for w in words):
            return ExpectedType(ANIMAL, several=several)  # "Which animals ...?": "chimpanzees"
        heads = _asked_heads(question)
        if words[-1] in DRUG_NOUNS:
            return ExpectedType(ENTITY, words[-1], several, heads=heads)
        return ExpectedType(ENTITY, several=several, heads=heads)
    return None


# What has a title: a work, a memoir, a record (a music record: "the title of the record")
TITLED = WORK_NOUNS | frozenset(
    """memoir memoirs autobiography biography record records single singles track tracks
    episode episodes play plays poem poems""".split()
)
_TITLE_OF = re.compile(  # "... the title of David Harrison's new autobiography"
    r"(?:is|was|are|were)\s+(?:the\s+)?titles?\s+of\s+(?P<phrase>(?:[\w’'\-]+\s+){0,7}[\w’'\-]+)",
    re.IGNORECASE,
)
# "What was the name of the inmate who ...?": the noun phrase whose name is asked.
_NAME_OF = re.compile(
    r"(?:is|was|are|were)\s+(?:the\s+)?names?\s+of\s+(?:(?:the|an?|his|her|its|their)\s+)?"
    r"(?P<phrase>(?:[\w’'\-]+\s+){0,7}[\w’'\-]+)",
    re.IGNORECASE,
)


def _named_person(question: str, start: int) -> str | None:
    """The person's noun whose name "What was the name of the ...?" asks from `start`: "inmate"
    of "... the name of the 62-year-old Central Mississippi Correctional Facility inmate who
    died ...", "mother" of "... the name of the mother of three shot ..."; None when the noun
    phrase, read to its first function word or participle, ends in no person's noun (the name
    of a book, a strain or a colour is no person's)."""
    m = _NAME_OF.match(question, start)
    if m is None:
        return None
    words = [_key_word(w) for w in _before_verb(m.group("phrase").split())]
    cut = next(
        (i for i, w in enumerate(words) if i and (w in STOPWORDS or w.endswith("ing"))), len(words)
    )
    head = words[cut - 1]
    # (or the noun's "who" makes it one: "the 11-year-old Uvalde survivor who played dead")
    who = cut < len(words) and words[cut] == "who"
    return head if singular(head) in PERSON_NOUNS or who else None


# A team's or a player's record of games won and lost, asked as what it is or was: "What was
# Serena Williams' career record against Maria Sharapova?", "What is the Lions' record this
# season?"; the record ends the noun phrase ("record label", "record high" are other things).
_RECORD_ASKED = re.compile(
    r"\s+(?:is|was|are|were)\s+(?P<before>(?:[\w’'\-.]+\s+){0,8}?)records?"
    rf"(?=\s*[?.,!]|\s*$|\s+(?:\w+ing|{'|'.join(sorted(STOPWORDS))})\b)",
    re.IGNORECASE,
)
# A record of the best mark, not of games: "the world record" is a measure.
MARK_WORDS = frozenset("world olympic national american european meet course track new".split())


def _record_asked(question: str, end: int) -> bool:
    m = _RECORD_ASKED.match(question, end)
    if m is None or _TITLE_WORDS.search(m.group("before")):
        return False  # "What's the title of the record?" asks for a work's title
    before = m.group("before").split()
    return not before or _key_word(before[-1]) not in MARK_WORDS


_TITLE_WORDS = re.compile(r"\btitles?\s+of\b", re.IGNORECASE)


# Games won, lost (and tied) as news writes them: "19-2", "33-22-1" (not a season, "2024-25").
_RECORD = re.compile(r"(?<![\w.,\-–])\d{1,3}[-–]\d{1,3}(?:[-–]\d{1,3})?(?!\w|[.,]\d|[-–]\d)")


# A compound whose head comes first: "editor-in-chief", "mother-in-law", "attorney-at-law".
_COMPOUND_HEAD = re.compile(r"^(\w+)-(?:in|of|at)-\w+$")


MODIFIED_WORDS = 3  # how far after a place's word a person's noun makes it whose person is asked


def _modifies_person(words: Sequence[str], i: int) -> bool:
    """Whether the place's or institution's word `words[i]` of a "which" phrase names whose
    person is asked for: "Which NBC News correspondent ...", "Which university president ...",
    "Which state senator ...", "Which country music singer ...", "Which State Department deputy
    spokesperson ...", up to MODIFIED_WORDS words on. The person's noun follows as
    written, not as a verb would ("Which stadium hosts ...": "hosts")."""
    return any(w in PERSON_NOUNS for w in words[i + 1 : i + 1 + MODIFIED_WORDS])


# Words after which a verb's past has an object, so is no adjective of the "which" phrase.
_OBJECT_OPENERS = frozenset(
    "the a an its his her their this that these those him them us me people".split()
)


def _possessive(word: str) -> bool:
    """Whether a word is written with an owner's "'s": "president's", "Foundation’s"."""
    return word.endswith(("'s", "’s"))


def _owns_asked(written: Sequence[str], words: Sequence[str], i: int) -> bool:
    """Whether the person's or the place's noun `words[i]` (`written[i]` as written) owns a later
    noun of a kind asked for: "the president's yearly salary" asks for a salary, "the victim's
    age" an age, "the state's average price" a price ("the official's name" asks for the
    official)."""
    owner = _possessive(written[i])
    return owner and any(w in TYPE_NOUNS or w in AGE_NOUNS for w in words[i + 1 :])


def _outlets(words: Sequence[str], i: int) -> bool:
    """Whether the stop word `words[i]` of a "which" phrase ends an outlet's name before a
    person's noun, so does not end the phrase: "Which USA Today columnist ...?"."""
    following = words[i + 1 : i + 2]
    return (
        words[i] in PUBLICATION_HEADS and bool(following) and singular(following[0]) in PERSON_NOUNS
    )


def _before_verb(phrase: Sequence[str]) -> Sequence[str]:
    """The words of a "which" phrase before its verb's past, where a name, a determiner or a
    person's pronoun follows the past: "Which royal residence hosted Emmanuel Macron's state
    visit": "royal residence", not running on to "state"; "What cadence gave people ...":
    "cadence". A past before a lower-case noun is an adjective ("Which newly elected mayor")."""
    for i in range(1, len(phrase) - 1):
        word, after = phrase[i], phrase[i + 1]
        irregular = word.islower() and word in IRREGULAR_ACTS  # "gave"; not "Met Gala"
        if "-" in word or not (_past(_key_word(word)) or irregular):
            continue
        if after[0].isupper() or _key_word(after) in _OBJECT_OPENERS:
            return phrase[:i]
    return phrase


def _asked_dimension(words: Sequence[str]) -> str | None:
    """The measure a noun phrase asks for by its head ("top speed": "speed"; "melting point":
    "temperature"), or None ("speed skater", "match point")."""
    if words[-1] == "point" and len(words) > 1 and words[-2] in POINT_MEASURES:
        return "temperature"
    return MEASURE_NOUNS.get(words[-1])


def measured(sentence: str, span: Span, dimension: str) -> bool:
    """Whether a number span of `sentence` is written in a unit of `dimension` ("185 mph", "34°C",
    "the 1,250-foot tower", "6-foot-2" for a height)."""
    if _HEIGHT.fullmatch(span.text):
        return dimension in ("distance", "length")
    if span.text[:1] in CURRENCY_SIGNS:
        return False
    return _MEASURED[dimension].match(sentence, span.start, span.end + _MEASURED_SPAN) is not None


def described_person(question: str) -> str | None:
    """The name a "Who is X?" question asks about ("Who is Kash Patel?": "Kash Patel"), or
    None for any other question."""
    m = _WH.search(question, opening_clause_end(question))
    if m is None or not m.group("wh") or m.group("wh").lower() not in ("who", "whom"):
        return None
    described = _DESCRIBE.match(question, m.end())
    return described.group("name") if described else None


# A message that is a name and nothing else ("Mamdani", "Karoline Leavitt?"): up to four words.
_BARE_NAME = re.compile(
    rf"^\s*(?P<name>[A-Z][\w.'’-]*(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w.'’-]*){{0,3}})\s*[?.!]*\s*$"
)
_NOT_NAMES = frozenset(
    "who whom whose what when where which why how is are was were did do does can will "
    "help news latest today yesterday hello thanks".split()
)


def bare_name(question: str) -> str | None:
    """The name a message that is only a name asks about ("Mamdani?": "Mamdani"), or None."""
    m = _BARE_NAME.match(question)
    if m is None or m.group("name").split()[0].lower() in _NOT_NAMES:
        return None
    return m.group("name")


# "Where is/are/was X?" for a name X ("Where is Brown University?", "Where is the Louvre?").
_LOCATED = re.compile(
    r"^\s*(?i:where\s+(?:is|are|was|were)\s+(?:the\s+)?)"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)(?:\s+located)?\s*[?.!]?\s*$"
)


def located_name(question: str) -> str | None:
    """The name a "Where is X?" question asks the place of ("Brown University"), or None."""
    m = _LOCATED.match(question)
    return m.group("name") if m else None


# "the" and any word of the holder's time before an office: "the current FBI director"
_THE_OFFICE = r"the\s+(?:(?:current|new|present)\s+)?"
# "Who is the X?" with no clause after the office: "Who is the chief economist who warned
# ...?" asks for the person who did that, whom the passages tell, not the office's holder.
_OFFICE = re.compile(
    rf"^\s*who(?:\s+is|['’]s)\s+{_THE_OFFICE}"
    r"(?P<office>(?:(?!\b(?:who|whom|whose|which|that)\b)[^?!.])+?)"
    r"\s*[?.!]?\s*$",
    re.IGNORECASE,
)


# ... asked indirectly: "Any idea who the mayor of Missoula is at the moment?", "do you know who
# the current CEO of Lego is"
_OFFICE_INDIRECT = re.compile(
    rf"\bwho\s+{_THE_OFFICE}"
    r"(?P<office>(?:(?!\b(?:who|whom|whose|which|that|is|was)\b)[^?!.])+?)"
    r",?\s+(?:is|was)\b(?:\s+(?:now|right\s+now|at\s+the\s+moment|these\s+days|today|currently))?"
    r"\s*[?.!]?\s*$",
    re.IGNORECASE,
)


def asked_office(question: str) -> str | None:
    """The office a "Who is the X?" question asks about, as "the X" ("Who is the current FBI
    director?": "the FBI director"; "Any idea who the mayor of Missoula is?": "the mayor of
    Missoula"), or None for any other question."""
    m = _OFFICE.match(question) or _OFFICE_INDIRECT.search(question)
    return f"the {m.group('office')}" if m else None


def _asked_units(rest: str) -> frozenset[str]:
    """The noun phrase after "how many" up to its first function word, singular ("How many
    Rite Aid stores are closing?": rite, aid, store)."""
    words = []
    for word in _WORD.findall(rest)[:UNIT_WORDS]:
        key = _key_word(word)
        if key in STOPWORDS:
            break
        words.append(key)
    return frozenset(_singulars(words))


def candidate_spans(
    sentence: str,
    expected: ExpectedType,
    asked: frozenset[str],
    known: frozenset[str] = frozenset(),
    common: frozenset[str] = frozenset(),
) -> list[Span]:
    """Spans of `sentence` of the expected kind, leaving out those made only of words of the
    question (`asked`, from `question_words`). A sentence's first word starts a name only when
    it is `known` as one (`capitalised_words` of the other sentences) or, for a person, is a
    first name before another capitalised word and not a `common` word; a one-word name that is
    also written in lower case (`common`, from `lowercase_words`) or looks like a nationality
    ("Israeli", "British") is left out too, except as a person's name."""
    if expected.kind == NUMBER and expected.noun == "record":
        spans = [Span(m.group(), m.start(), m.end()) for m in _RECORD.finditer(sentence)]
    elif expected.kind == NUMBER:
        spans = _numbers(sentence)
        if "time" in expected.units:
            # "How many times ...?": "12 times", "twice", where the sentence writes a count of
            # times; not the "7" of a "7-5" set beside it
            times = [Span(m.group(), m.start(), m.end()) for m in _TIMES.finditer(sentence)]
            times += [s for s in spans if counted_unit(s.text) == "time"]
            spans = sorted(times, key=lambda s: s.start) or spans
        if expected.noun == "old":
            spans = [s for s in spans if _age(s.text)]
        if expected.dimension is not None:
            spans = [s for s in spans if measured(sentence, s, expected.dimension)]
        if expected.units and not expected.units & PLACE_UNITS:
            # "How many people died?" is not answered by "13 states", where they died
            spans = [s for s in spans if counted_unit(s.text) not in PLACE_UNITS]
        if expected.units and not expected.units & TIME_UNITS:
            # nor "How many hostages were freed?" by "72 hours", when
            spans = [s for s in spans if counted_unit(s.text) not in TIME_UNITS]
        if expected.units and expected.noun is None and not expected.units & MONEY_UNITS:
            # nor "How many people were killed?" by "$102 million worth", or by a share
            spans = [s for s in spans if not _MONEY_OR_SHARE.search(s.text)]
        if expected.units and not expected.units & MEASURE_UNITS:
            # nor "How many presidents has Putin met?" by "20,000-pound", a weight
            spans = [s for s in spans if counted_unit(s.text) not in MEASURE_UNITS]
        if expected.units & MONEY_NOUNS or expected.noun in SUM_NOUNS:
            # "How much money ...?" is not answered by "700 Marines", "What price ...?" by
            # "13 line" (of "the iPhone 13 line")
            spans = [s for s in spans if _MONEY.search(s.text)]
        if not asked & COMPARATIVES:
            # "that's about $10 million more than anyone expected" is a difference, not the
            # cost asked for (unless a difference is asked: "How many more ...?")
            spans = [s for s in spans if not _DIFFERENCE.match(sentence, s.end)]
        if expected.noun == "much":
            # "How much did the family seek in claims?" is not answered by "67 people": "how
            # much" counts nobody
            spans = [s for s in spans if counted_unit(s.text) not in COUNTED_PEOPLE]
        if expected.noun != "old":
            spans = [s for s in spans if not _age_after_name(sentence, s)]
        # "Two days before Trump changed his tune" says when, it is no amount of days
        spans = [
            s
            for s in spans
            if not (counted_unit(s.text) in TIME_UNITS and _RELATIVE_TIME.match(sentence, s.end))
        ]
        acts = _toll_acts(asked)
        if acts:
            # "How many people were injured?" is not answered by "three people" of "killing
            # three people and injuring 60"
            spans = [s for s in spans if _toll_act(sentence, s) in acts | {None}]
        if expected.units and expected.noun is None:  # "how many", not "how much snow"
            spans = [_counted(sentence, s, expected.units) for s in spans]
    elif expected.kind == YEAR:
        spans = [Span(m.group(), m.start(), m.end()) for m in YEAR_PATTERN.finditer(sentence)]
    elif expected.kind == COLOUR:
        spans = [
            Span(m.group(), m.start(), m.end())
            for m in _WORD.finditer(sentence)
            if m.group() in COLOURS  # lower case: "White House" and "Green Bay" are names
        ]
    elif expected.kind == WORK:
        spans = _titles(sentence)
    elif expected.kind == RANK:
        spans = _ranks(sentence)
    elif expected.kind == WORD:
        spans = _quoted_words(sentence)
    elif expected.kind in _LISTED_KINDS:
        listed = _LISTED_KINDS[expected.kind]
        spans = [Span(m.group(), m.start(), m.end()) for m in listed.finditer(sentence)]
    elif expected.kind == NATURAL_EVENT:
        spans = _natural_events(sentence)
    elif expected.kind == DATE:
        named_ranges = list(_YEARS_BEFORE_NAME.finditer(sentence))
        spans = [
            Span(m.group(), m.start(), m.end())
            for m in _DATE.finditer(sentence)
            if not _year_of_name(sentence, m.start())
            and not _date_of_another_act(sentence, m.start(), asked)
            and not any(r.start() <= m.start() < r.end() for r in named_ranges)
        ]
        if expected.noun == "time":  # "At what time ...?": "4 a.m. local time" too
            spans += [Span(m.group(), m.start(), m.end()) for m in _CLOCK_TIME.finditer(sentence)]
            spans.sort(key=lambda s: s.start)
        if _of_other_years(sentence, asked):
            # "On what date did Chinese New Year land in 2022?": not "Tuesday, Feb. 17" of
            # "Chinese New Year in 2026 is scheduled to start on Tuesday, Feb. 17"
            spans = []
    else:
        person = expected.kind == PERSON
        spans = _names(
            sentence,
            known - common,
            several=expected.several,
            person=person,
            first_names=GIVEN_NAMES - common if person else frozenset(),
        )
        spans = [
            s
            for s in spans
            if (" " in s.text or not _common(s.text, common, person))
            and not _words(s.text) <= CLOCK_WORDS
        ]
        if person:
            spans = [
                s
                for s in spans
                if not _place_or_institution(s.text)
                and not _THE_BEFORE.search(sentence, 0, s.start)  # "The View" is nobody
                and not _THING_BEFORE.search(sentence, 0, s.start)  # "the journal Nature"
                and not _PLUS_AFTER.match(sentence, s.end)  # nor "Paramount+"
                and not _before_region(sentence, s.end)
                and not _GOVERNMENT_AFTER.match(sentence, s.end)
                and not _AWARD_AFTER.match(sentence, s.end)  # "Cy Young winner Max Scherzer"
                and not _in_place(sentence, s)  # "parts of Los Angeles"
                and not _AT_INSTITUTION.search(sentence, 0, s.start)  # "Penitentiary at Parchman"
                # "Sweet 16", "N2", "Covid-19" are nobody (the "49ers" may be asked "who")
                and not any(w.isdigit() or _DIGIT_TAIL.match(w) for w in s.text.split())
                and len(s.text) > 1  # a letter is nobody: the platform "X"
                and not _acronym_or_role(s.text)  # "SEC Player" (of the Year) is nobody
            ]
            if not asked & SAYING_WORDS:
                # who comments on an act did not do it: "Gavin Newsom denounces political
                # violence after Charlie Kirk shooting" names no one arrested for it
                spans = [s for s in spans if not _commenting(sentence, s, asked)]
                # nor is a source no person's name who did it: "according to National
                # Geographic" (a person quoted may be: "Which official expects ...?", and
                # anyone when a view is asked for: "Who estimated the crowd ...?")
                if not any(w.startswith(VIEW_STEMS) for w in asked):
                    spans = [
                        s
                        for s in spans
                        if not _ACCORDING_TO.search(sentence, 0, s.start) or _personal(s.text)
                    ]
            # a quoted title is no one: “Please Please Please”, "Short n' Sweet"
            spans = _outside_titles(sentence, spans)
        if expected.kind in (PERSON, ENTITY):
            # "Williamsport, PA" names a state: nobody, and no team or thing asked for
            spans = [s for s in spans if not _state_after_town(sentence, s)]
        if not person:
            if not asked & OCCASION_NOUNS:
                # "Turkey Day" is no team, company or thing asked for, unless a day is asked for
                spans = [s for s in spans if not _occasion(s.text)]
            if not asked & GOVERNMENT_WORDS:
                # "the Trump administration" is no city or cartel, unless one is asked for
                spans = [s for s in spans if not _GOVERNMENT_AFTER.match(sentence, s.end)]
        if expected.kind == ENTITY and not asked & SIDE_NOUNS:
            # (a noun of one who does may be a person's the lists lack: "Which hacker ...?")
            agentive = any(h.endswith(AGENT_ENDINGS) for h in _singulars(expected.heads))
            # A thing asked for (a country may be asked for as a team, a member or an ally):
            # not "Idaho" alone ("... at which university?"), a continent ("Europe" for "Which
            # company ...?"), a sea's or a coast's name ("Eastern Pacific" for "... which drug
            # cartel?"), nor a titled person ("Treasury Secretary Scott Bessent" for "Which
            # coin ...?"), a title before the name ("Health Director" of "Health Director Dr.
            # Amy Acton" for "Which TV character ...?"), nor a place a thing lies north of ("60
            # miles north of El Paso" for "Which sounding rocket ...?"), nor a person quoted
            # ("said Mark Jenkins, a spokesman for AAA" for "Which metro market ...?")
            spans = [
                s
                for s in spans
                if not _named_or_region(s.text, NOT_THINGS)
                and not _titled_person(s.text)
                and not _title_before_name(sentence, s)
                and not _COMPASS_OF.search(sentence, 0, s.start)
                and not (_a_person(s.text) and _quoted(sentence, s) and not agentive)
            ]
        if expected.kind == ENTITY and expected.heads:
            # "the journal “Nature Ecology and Evolution”": a quoted name after the noun asked
            # is that name, whole
            titled = _quoted_after(sentence, _singulars(expected.heads))
            inside = [s for s in spans if any(t.start <= s.start < t.end for t in titled)]
            spans = sorted([*titled, *(s for s in spans if s not in inside)], key=lambda s: s.start)
        if expected.kind == ENTITY and asked & TEAM_NOUNS:
            spans = [s for s in spans if not _league(s.text)]
        if expected.kind == ENTITY and not asked & (SIDE_NOUNS | PEOPLE_NOUNS):
            # a people is no lake, show or company ("Americans" for "What is the largest lake
            # in Canada?"), unless a group or a side is asked for
            spans = [s for s in spans if not _people(span_key(s.text))]
        if expected.kind == PLACE:  # "Maxar Technologies" is nowhere; a university is a place
            spans = [s for s in spans if not _not_a_place(s.text)]
            # nor is a speaker: "said Derek Perry, communications director ...", "Perry said"
            spans = [s for s in spans if not _quoted(sentence, s)]
            spans = _outside_titles(sentence, spans)  # nor the series "Game of Thrones"
        if expected.noun in DRUG_NOUNS:  # "which drug": not "Donald Trump", "FDA" or "U.S."
            spans = [s for s in spans if not _no_drug(s.text)] + _drugs(sentence)
            spans.sort(key=lambda s: s.start)
        organisation = _asks_for(expected, ORGANISATION_NOUNS)
        if _asks_for(expected, STREET_NOUNS):
            # "What street ...?": a name ending as a street's does, not "Silicon Valley"
            spans = [s for s in spans if span_key(s.text).rpartition(" ")[2] in STREET_TAILS]
        elif _asks_for(expected, COURT_NOUNS):  # "In which court ...?": not the "World Series"
            # (or any word the question calls it by: "which federal court district ...?":
            # "District of Rhode Island")
            named = COURT_NOUNS | _singulars(expected.heads)
            spans = [s for s in spans if named & set(span_key(s.text).split())]
        elif _asks_for(expected, COMPANY_NOUNS):
            spans = [s for s in spans if not _no_company(s.text)]
        elif organisation:  # a public body may be: "Which agency?"
            spans = [s for s in spans if not _a_person(s.text) and not _apposed_person(sentence, s)]
        if organisation:
            # "TSMC's north Phoenix facility": a name after a part of the map is a place
            spans = [s for s in spans if not _QUARTER_BEFORE.search(sentence, 0, s.start)]
        # the source of what a sentence says is not what it says: "according to CoinGecko"
        # (a person quoted may be: "Which official expects ...?")
        if not person and not asked & SAYING_WORDS:
            spans = [s for s in spans if not _ACCORDING_TO.search(sentence, 0, s.start)]
        if expected.noun in COUNTRY_NOUNS:  # "which country": a country, not "Meta" or "Trump"
            spans = [s for s in spans if span_key(s.text) in COUNTRIES]
        if expected.noun in COUNTY_NOUNS:  # "which county": "Limestone County", not "Alabama"
            spans = [s for s in spans if span_key(s.text).rpartition(" ")[2] in COUNTY_TAILS]
        if expected.noun in CITY_NOUNS:
            # "which city": not "America", a country or a state (but "Gaza" and "New York" are
            # cities too), a continent, nor a sea's, a coast's or a region's name ("Kamchatka
            # Peninsula" for "Which town ...?")
            spans = [s for s in spans if not _named_or_region(s.text, NOT_CITIES)]
            # nor a building or a body ("Orleans Justice Center" for "In what city ...?")
            spans = [s for s in spans if span_key(s.text).rpartition(" ")[2] not in BUILDING_HEADS]
    asked_singular = _singulars(asked)
    return [
        s
        for s in spans
        if not _repeats(s.text, asked_singular)
        and not _a_mark(sentence, s)
        and not _peoples_country(s.text, asked)
        and not (expected.kind in _TOLD_KINDS and _CONDITIONAL.search(sentence, 0, s.start))
    ]


# An amount or a time in an "if" clause is supposed, not told: "But if The White Lotus wins more
# than two Emmys, we will have a problem" says nothing of how many it won, "If the shutdown
# lasts until Nov. 5, ..." nothing of when it ended ("If convicted, he faces 20 years" does
# tell, after the clause's comma). A name there may be who acts: "... block the stadium deal if
# the Washington Commanders do not change their name".
_TOLD_KINDS = frozenset({NUMBER, DATE, YEAR})
_CONDITIONAL = re.compile(r"\bif\b[^,;:—–]*$", re.IGNORECASE)


# A quoted title: “Jaws”, "One Battle After Another," (a comma or full stop inside the quotes, as
# American style writes it, is no part of it).
_QUOTED = re.compile(r"[“\"](?P<title>[A-Z0-9][^“”\"]{0,80}?)[,.]?[”\"]")
MAX_TITLE_WORDS = 8  # a longer quotation is somebody's words, not a title


_QUOTED_WORD = re.compile(r"[“\"](?P<word>\w[^“”\"]{0,40}?)[,.]?[”\"]")
MAX_QUOTED_WORDS = 3  # a longer quotation is somebody's words, not the word or phrase asked for


def _listed(names: Sequence[str], flags: re.RegexFlag = re.IGNORECASE) -> re.Pattern[str]:
    """Any of `names` as whole words, in any case (or as `flags` say), the longest first ("bird
    flu" over "flu")."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", flags)


# The kinds answered only by a name from a list, and each one's pattern.
_LISTED_KINDS = {
    ILLNESS: _listed(DISEASES),
    ANIMAL: _listed(ANIMALS),
    CURRENCY: _listed(CURRENCIES),
    LANGUAGE: _listed(LANGUAGES, re.NOFLAG),  # as written: "english muffin" names no language
}


# "Where did/does X finish / place / rank ...": a place in the race, not on the map ("take
# place" asks where).
_FINISHED = re.compile(
    r"\s+(?:did|does|do|will|would|could)\s+(?:[\w.'’\-]+\s+){1,8}?"
    r"(?:finish|place|rank)(?<!\btake place)\b",
    re.IGNORECASE,
)
RANK_WORDS = """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
    last""".split()
_RANK = re.compile(rf"\b(?:\d+(?:st|nd|rd|th)|{'|'.join(RANK_WORDS)})\b", re.IGNORECASE)
_RANK_NEXT = re.compile(r"\s+([A-Za-z]+)")
# Words that may follow a rank in a race ("eighth overall", "17th in the short program"); any
# other word makes it an adjective ("her first Olympics", "the second round").
RANK_FOLLOWERS = frozenset("place overall position behind among floor floors".split())
_RANK_FOLLOWING = STOPWORDS | RANK_FOLLOWERS
FLOOR_NOUNS = frozenset("floor floors".split())  # a building's floor is asked by its rank


def _ranks(sentence: str) -> list[Span]:
    """Places in a race or a ranking: "eighth", "17th" (not "her first Olympics")."""
    spans = []
    for m in _RANK.finditer(sentence):
        after = _RANK_NEXT.match(sentence, m.end())
        if after and after.group(1).lower() not in _RANK_FOLLOWING:
            continue
        spans.append(Span(m.group(), m.start(), m.end()))
    return spans


def _named_or_region(span: str, names: frozenset[str]) -> bool:
    """Whether `span` is one of `names`, or a sea's, a coast's or a region's name by its last
    word ("Eastern Pacific", "Kamchatka Peninsula")."""
    key = span_key(span)
    return key in names or key.rpartition(" ")[2] in GEO_TAILS


def _outside_titles(sentence: str, spans: list[Span]) -> list[Span]:
    """`spans` but those inside a quoted title of `sentence`."""
    titles = _titles(sentence)
    return [s for s in spans if not any(t.start <= s.start < t.end for t in titles)]


def _quoted_words(sentence: str) -> list[Span]:
    """Short quotations, in any case: the word or phrase a question asks for."""
    return [
        Span(m.group("word"), m.start("word"), m.end("word"))
        for m in _QUOTED_WORD.finditer(sentence)
        if len(m.group("word").split()) <= MAX_QUOTED_WORDS
    ]


def asks_money(expected: ExpectedType) -> bool:
    """ "How much money ...?", "How much did it cost?": an amount of money is asked for."""
    return expected.noun == "much" and (not expected.units or bool(expected.units & MONEY_NOUNS))


def _titles(sentence: str) -> list[Span]:
    """Quoted titles: short quotations whose words mostly start with a capital (a title is
    written so; quoted words someone said are mostly in lower case)."""
    out = []
    for m in _QUOTED.finditer(sentence):
        words = [w for w in m.group("title").split() if w.lower() not in STOPWORDS]
        if not words or len(m.group("title").split()) > MAX_TITLE_WORDS:
            continue
        if 2 * sum(w[0].isupper() or w[0].isdigit() for w in words) >= len(words):
            out.append(Span(m.group("title"), m.start("title"), m.end("title")))
    return out


_NOUN_BEFORE_QUOTE = re.compile(r"\b([a-z]+)\s+$")  # "the journal " of "the journal “Nature”"


def _quoted_after(sentence: str, nouns: set[str]) -> list[Span]:
    """The quoted titles written right after one of `nouns`: "Nature Ecology and Evolution" of
    "in the journal “Nature Ecology and Evolution.”" for the noun "journal"."""
    out = []
    for title in _titles(sentence):
        before = _NOUN_BEFORE_QUOTE.search(sentence, 0, title.start - 1)
        if before and singular(before.group(1)) in nouns:
            out.append(title)
    return out


DEGREE_WORDS = frozenset(
    """major severe powerful massive historic deadly dangerous strong extreme heavy total partial
    annular rare intense record""".split()
)
# An event of the weather or the sky: up to two lower-case words before its head ("major winter
# storm", "total lunar eclipse", "northern lights").
_NATURAL_EVENT = re.compile(
    r"\b(?:(?-i:[a-z][a-z\-]*)\s+){0,2}(?:" + "|".join(sorted(NATURAL_HEADS)) + r")\b",
    re.IGNORECASE,
)


def _not_a_modifier(word: str) -> bool:
    """A function word, a verb's past ("caused") or a plural ("brings"), not a word describing
    the event after it."""
    word = word.lower()
    return word in NOT_UNITS or word.endswith("ed") or (word.endswith("s") and word[-2:] != "ss")


def _natural_events(sentence: str) -> list[Span]:
    """The weather's or the sky's events a sentence names, without leading function words."""
    out = []
    for m in _NATURAL_EVENT.finditer(sentence):
        words = list(_WORD.finditer(m.group()))
        # the words describing it follow the last that cannot ("caused a winter storm"); of
        # two, the first must say how strong or how whole ("major winter storm", "total lunar
        # eclipse"; not "brought heavy snow")
        cut = max(
            (i + 1 for i, w in enumerate(words[:-1]) if _not_a_modifier(w.group())), default=0
        )
        if len(words) - cut == 3 and words[cut].group().lower() not in DEGREE_WORDS:
            cut += 1
        start = m.start() + words[cut].start()
        out.append(Span(sentence[start : m.end()], start, m.end()))
    return out


# Words that only say a name is a company's: "Paramount Global" is the "Paramount" asked about.
LEGAL_SUFFIXES = frozenset(
    "inc corp corporation co company ltd llc plc group holdings global international".split()
)


def _repeats(span: str, asked_singular: set[str]) -> bool:
    """Whether the span says only what the question says: its words are the question's, but
    for a word making a name an occasion ("Thanksgiving Day" for "... play on Thanksgiving?")
    or a company's ("Paramount Global" for "Which company was Paramount merging with?"), or
    two of them written without the space ("NewOrleans" for "... New Orleans ...?")."""
    words = _singulars(_words(span))
    return (
        words <= asked_singular
        or (len(words) == 1 and _glued(next(iter(words)), asked_singular))
        or (words - OCCASION_HEADS <= asked_singular and bool(words & asked_singular))
        or (words - LEGAL_SUFFIXES <= asked_singular and bool(words & asked_singular))
        or _initials(span) in asked_singular - {""}
    )


def _glued(word: str, asked: set[str]) -> bool:
    """Whether `word` is two asked words written without the space ("neworleans")."""
    return any(word[:k] in asked and word[k:] in asked for k in range(1, len(word)))


def _initials(span: str) -> str:
    """The acronym of a name of three words or more: "fda" of "Food and Drug Administration"."""
    words = [w for w in _WORD.findall(span) if w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 3 else ""


# What a people's name adds to its country's: Syria-n, Russia-n, Iran-ian, Israel-i, Brit-ish.
_PEOPLE_ENDINGS = ("n", "an", "ian", "i", "ish", "ese")
MIN_COUNTRY_STEM = 4


def _peoples_country(span: str, asked: frozenset[str]) -> bool:
    """Whether `span` is the country whose people the question names ("Syria" for "which Syrian
    group"): it repeats the question."""
    key = span_key(span)
    return len(key) >= MIN_COUNTRY_STEM and any(
        word.startswith(key) and word[len(key) :] in _PEOPLE_ENDINGS for word in asked
    )


# A capital inside a word after two or more lower-case letters names a brand or a company
# ("UnitedHealthcare", "PayPal", "YouTube", "BlackRock"), not a person. Names do it after one
# letter ("McCarthy", "DeSantis", "LeBron", "JaVale") or after a particle ("MacArthur",
# "VanderMeer", "FitzGerald").
_BRAND = re.compile(r"^(?!Mac|Van|Von|Fitz)[A-Z][a-z]{2,}[A-Z]")


_REGION_AFTER = re.compile(r",\s+([A-Z]\w*(?:\s[A-Z]\w*){0,2}?)(?=[,.;:!?)]|\s+[a-z]|\s*$)")


def _before_region(sentence: str, end: int) -> bool:
    """Whether the span ending at `end` is followed by ", <country or US state>": a place
    ("in Nara, Japan", "Austin, Texas"), not a person."""
    m = _REGION_AFTER.match(sentence, end)
    if m is None:
        return False
    return span_key(m.group(1)) in COUNTRIES | US_STATES


# Parties and their members: what somebody is, not who ("the Republican candidate").
PARTY_WORDS = frozenset(
    "republican republicans democrat democrats democratic gop independent independents "
    "libertarian labour labor conservative conservatives tory tories liberal liberals "
    "socialist socialists green greens".split()
)


PERSON_PREFIXES = TITLES | PARTY_WORDS  # what comes before a person's name, not in it
PERSON_TITLES = TITLES - PLACE_TITLES  # titles no place's name starts with


def _occasion(span: str) -> bool:
    """A day's or a night's name: "Turkey Day", "Election Night"; not "Jason Day"."""
    first, _, last = span_key(span).rpartition(" ")
    return bool(first) and last in OCCASION_HEADS and first.partition(" ")[0] not in GIVEN_NAMES


_ROMAN = re.compile(r"[ivxlc]+")  # "Super Bowl LIX": an event's number, in span_key's lower case


def _place_or_institution(span: str) -> bool:
    key = span_key(span)
    words = key.split()
    first, _, last = key.rpartition(" ")
    return (
        all(w in PARTY_WORDS for w in words)
        or (last in PARTY_WORDS and last.endswith("s"))  # its members: "House Republicans"
        or key in COUNTRIES | NATION_TAILS  # "America's reckoning": nobody
        or key in US_STATES
        or key in CONTINENTS  # "Arctic sea ice": nobody
        or last in GEO_TAILS  # nor the "Korean Peninsula"
        or _people(key)
        or (bool(first) and last in NATION_TAILS)
        or _institution_head(last)
        or _institution_of(key)
        or _court(key)
        or _occasion(span)
        or (bool(first) and last in EVENT_HEADS)
        or (len(words) > 2 and words[-2] in EVENT_HEADS and bool(_ROMAN.fullmatch(last)))
        or bool(WAR_WORDS.intersection(words[1:]))
        or any(_BRAND.search(word) for word in span.split())
    )


# What makes "Court" a court's name, not a person's ("Margaret Court"): "Cardiff Crown Court",
# "the Supreme Court", "U.S. District Court".
COURT_QUALIFIERS = frozenset(
    """supreme district crown circuit appeals appellate federal high superior county family
    magistrates bankruptcy tax criminal civil juvenile municipal probate claims""".split()
)


COURT_NOUNS = frozenset("court tribunal".split())
STREET_NOUNS = frozenset("street streets road roads avenue avenues boulevard highway".split())
# The last word of a street's name ("Main Street", "Pennsylvania Avenue", "Route 66" aside).
STREET_TAILS = frozenset(
    """street st avenue ave road rd boulevard blvd drive dr lane ln way highway parkway pkwy
    place square freeway expressway turnpike alley row terrace court circle""".split()
)


def _court(key: str) -> bool:
    words = key.split()
    return len(words) > 1 and words[-1] == "court" and words[-2] in COURT_QUALIFIERS


# An institution's head before "of": "Archdiocese of Philadelphia", "Bank of America".
OF_HEADS = frozenset("archdiocese diocese bank office house court board church".split())


def _institution_of(key: str) -> bool:
    """Whether a name is an institution's written "<head> of <place>" ("University of Idaho")."""
    words = key.split()
    return any(
        words[i + 1] == "of" and (_institution_head(w) or w in OF_HEADS)
        for i, w in enumerate(words[:-1])
    )


_ACRONYM = re.compile(r"[A-Z]{2,6}|(?:[A-Z]\.)+")
_CAPITALS = re.compile(r"(?:[A-Z]\.?){2,6}")  # "US", "U.S", "U.S.", "WHO"


def _no_drug(span: str) -> bool:
    """A person (a first name first, "Donald Trump", or a title, "Health Secretary Robert F.
    Kennedy Jr"), a place ("U.S.") or an agency's acronym ("FDA")."""
    key = span_key(span)
    words = key.split()
    return (
        words[0] in GIVEN_NAMES
        or any(w in PERSON_TITLES for w in words)
        or key in COUNTRIES | US_STATES
        or bool(_ACRONYM.fullmatch(span))
        or words[0] == "schedule"  # "Schedule I" is a drug's class
    )


def _drugs(sentence: str) -> list[Span]:
    """The drugs a sentence names in lower case."""
    return [
        Span(m.group(), m.start(), m.end())
        for m in _WORD.finditer(sentence)
        if m.group().islower() and m.group() in DRUGS
    ]


SAYING_WORDS = frozenset(
    "say says said saying according claim claims claimed report reported".split()
)
# A verb of comment right after a name: its bearer comments on the news ("Stephen Miller says
# …", "Gavin Newsom denounces …"). Not "said": "…, Stephen Pittman said." reports what its
# speaker knows, often of the act itself.
_COMMENTS_AFTER = re.compile(
    r",?\s+(says|denounces|denounced|slams|slammed|blasts|blasted|reacts|reacted|responds|"
    r"responded|condemns|condemned|mourns|mourned|praises|praised|decries|decried|urges|urged)\b"
)
COMMENT_STEM = 5  # letters two forms of a verb share ("denounces", "denounced")


def _commenting(sentence: str, span: Span, asked: frozenset[str]) -> bool:
    """Whether `sentence` has `span` comment (a verb of comment right after it) rather than do
    what the question asks: not when the question asks for that comment ("Who condemned …")."""
    m = _COMMENTS_AFTER.match(sentence, span.end)
    if m is None:
        return False
    verb = m.group(1).lower()[:COMMENT_STEM]
    return not any(w.startswith(verb) for w in asked)


# Verbs of a view rather than an act, by their stems: its holder is who the source names.
VIEW_STEMS = ("expect", "estimat", "predict", "believ", "think", "thought", "warn", "forecast")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)


def _personal(span: str) -> bool:
    """Whether `span` reads as a person's name: a known first name or a person's title before
    another word ("Jerome Powell", "Treasury Secretary Scott Bessent"; not "National
    Geographic")."""
    words = span_key(span).split()
    return len(words) > 1 and (words[0] in GIVEN_NAMES or _titled_person(span))


def _titled_person(span: str) -> bool:
    """A name after a person's title: "Treasury Secretary Scott Bessent", "Judge John McConnell"."""
    words = span_key(span).split()
    return any(w in PERSON_TITLES for w in words[:-1])


def _league(span: str) -> bool:
    """A league or a governing body: "NFL", "the American Professional Football Association"."""
    key = span_key(span)
    return key in LEAGUES or key.rpartition(" ")[2] in LEAGUE_HEADS


def _asks_for(expected: ExpectedType, nouns: frozenset[str]) -> bool:
    """Whether the question asks for a thing by one of `nouns`, in either number ("Which
    helicopter company ...?", "Which hospitals ...?")."""
    return expected.kind == ENTITY and bool(_singulars(expected.heads) & _singulars(nouns))


# Where one place lies from another, in lower case: "north of El Paso", "north Phoenix".
COMPASS_POINTS = "north south east west northeast northwest southeast southwest".split()
# A person's noun in an apposition after a name: "Perez, the Mexican health official, said".
_APPOSED = re.compile(r",\s+(?:the|a|an)\s+(?P<words>(?:[\w’'\-]+\s+){0,4}[\w’'\-]+)\s*[,;.)]")


def _apposed_person(sentence: str, span: Span) -> bool:
    """Whether the sentence writes `span` as a person's name, with a person's noun in the
    apposition after it ("Perez, the Mexican health official, said ...")."""
    m = _APPOSED.match(sentence, span.end)
    return m is not None and singular(_key_word(m.group("words").split()[-1])) in PERSON_NOUNS


def _title_before_name(sentence: str, span: Span) -> bool:
    """Whether `span` ends in a role written before a person's name: "Ohio Department of Health
    Director" of "Former Ohio Department of Health Director Dr. Amy Acton"."""
    if span_key(span.text).rpartition(" ")[2] not in ROLE_NOUNS:
        return False
    m = _NAME_AFTER.match(sentence, span.end)
    return m is not None and _key_word(m.group("first")) in GIVEN_NAMES


# Before a name, where it lies from another: "60 miles north of El Paso".
_COMPASS_OF = re.compile(rf"\b(?:{'|'.join(COMPASS_POINTS)})\s+of\s+$")


def _a_person(span: str) -> bool:
    """A person by first and last name ("Donald Trump") or by title ("Judge Mary Walsh"); not
    a firm named for two ("Simon & Schuster", "Johnson and Johnson")."""
    words = span_key(span).split()
    return (
        len(words) > 1 and words[0] in GIVEN_NAMES and "&" not in span and " and " not in span
    ) or _titled_person(span)


def _no_company(span: str) -> bool:
    """A person (`_a_person`), a public body ("Supreme Court", "Department of Defense") or a
    locality ("Oakland Township") answers no "Which company ...?"."""
    words = span_key(span).split()
    if not words:
        return False
    return (
        _a_person(span)
        or words[-1] in PUBLIC_HEADS
        or (len(words) > 1 and words[-1] in LOCALITY_HEADS)
        or (len(words) > 2 and words[1] == "of" and words[0] in PUBLIC_HEADS)
    )


def _not_a_place(span: str) -> bool:
    """A company ("Maxar Technologies"), a people ("Venezuelan") or a titled person ("President
    JD Vance") is nowhere; a university or a stadium is a place, and so is "President Hotel"."""
    words = span_key(span).split()
    if not words:
        return False
    if words[-1] in NOWHERE_HEADS or (len(words) == 1 and _people(words[0])):
        return True
    if len(words) == 1 and words[0] in _PLACELESS_TITLES:
        return True  # "Dick Cheney, powerful VP who ...": a title is nowhere ("U.S." is a place)
    if len(words) == 2 and words[0] in UNPLACED_NUMBERED and words[1].isdigit():
        return True  # "Category 5", "Game 7", "Proposition 50"
    # a title anywhere before the last word ("Rhode Island Attorney General Peter Neronha"), or
    # a first name before a surname ("Donald Trump"; not "Victoria Falls", "Jackson Hole")
    return (
        len(words) > 1
        and (_titled_person(span) or words[0] in GIVEN_NAMES)
        and words[-1] not in INSTITUTION_HEADS | PLACE_TAILS
        and span_key(span) not in COUNTRIES | US_STATES
    )


def _people(key: str) -> bool:
    """A people or a faith, one or many ("Russian", "Russians"), or the people of a country
    named as most are ("Kenyan" of Kenya, "Sudanese", "Omani", "Jordanian")."""
    one = singular(key)
    return key in DEMONYMS or one in DEMONYMS or one in COUNTRY_PEOPLES


# Peoples named after their country: the country, or it less its last letter, and an ending
# ("Kenya" -> "Kenyan", "China" -> "Chinese", "Chad" -> "Chadian", "Israel" -> "Israeli").
PEOPLE_ENDINGS = ("n", "an", "ian", "ese", "i", "ish", "ean")
COUNTRY_PEOPLES = (
    frozenset(
        stem + ending
        for country in COUNTRIES
        if " " not in country
        # (the last letter dropped only from a longer name: "Chad" makes no "Chan")
        for stem in ((country, country[:-1]) if len(country) > 4 else (country,))
        for ending in PEOPLE_ENDINGS
    )
    - COUNTRIES
    # "France" makes no "Franci", whose plural would read "Pope Francis" as a people
    - {"franci"}
)


def _institution_head(word: str) -> bool:
    key = _key_word(word)
    return key in INSTITUTION_HEADS or key.removesuffix("s") in INSTITUTION_HEADS


# A word counting a crowd, capitalised where a sentence starts ("Tens of thousands fled"): no name.
QUANTITY_WORDS = frozenset("tens dozens hundreds thousands millions billions scores".split())


def _common(word: str, common: frozenset[str], person: bool) -> bool:
    key = _key_word(word)
    if key in QUANTITY_WORDS:
        return True
    # an acronym is not the lower-case word of its letters: "U.S." and "WHO" are not "us", "who"
    if key in common and not _CAPITALS.fullmatch(word.strip(",;:'’\"")):
        return True
    return not person and key not in COUNTRIES and _NATIONALITY.search(key) is not None


def lowercase_words(sentences: Sequence[str]) -> frozenset[str]:
    """Words written in lower case somewhere: common words, whatever their case elsewhere."""
    return frozenset(
        _key_word(w) for sentence in sentences for w in _WORD.findall(sentence) if w[0].islower()
    )


def capitalised_words(sentences: Sequence[str]) -> frozenset[str]:
    """Words written with a capital in the middle of a sentence (not after a colon, which
    capitalises as a sentence start does, nor in a headline written in capitals: "TAYLOR SWIFT
    RUMORS: ..."): names, as far as case tells."""
    words = set()
    for sentence in sentences:
        tokens = list(_WORD.finditer(sentence))
        shouted = [_shouted(tok.group()) for tok in tokens]
        for n, tok in enumerate(tokens[1:], start=1):
            if (
                tok.group()[0].isupper()
                and not _after_colon(sentence, tok.start())
                and not (
                    shouted[n] and (shouted[n - 1] or (n + 1 < len(tokens) and shouted[n + 1]))
                )
            ):
                words.add(_key_word(tok.group()))
    return frozenset(words)


def _shouted(word: str) -> bool:
    """A word of three or more letters written in capitals: an acronym ("NASA") alone, a
    headline's word beside another ("TAYLOR SWIFT RUMORS")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def passage_sentences(passages: Sequence[str]) -> list[str]:
    """The sentences of `passages`, each on its own: a word opening one is no name by its
    capital."""
    return [p[start:end] for p in passages for start, end in split_sentences(p)]


def _after_colon(sentence: str, start: int) -> bool:
    """Whether the text before `start` ends with a colon (spaces aside)."""
    i = start - 1
    while i >= 0 and sentence[i].isspace():
        i -= 1
    return i >= 0 and sentence[i] == ":"


def _words(text: str) -> set[str]:
    return {_key_word(w) for w in _WORD.findall(text)} - CONNECTORS - {"and", "&"}


def singular(word: str) -> str:
    """The word without a plural "s" ("Globes" repeats "Globe"; "Paris" is cut too, alike on
    both sides of a comparison)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _singulars(words: Iterable[str]) -> set[str]:
    return {singular(w) for w in words}


def _numbers(sentence: str) -> list[Span]:
    spans = [Span(m.group(), m.start(), m.end()) for m in _HEIGHT.finditer(sentence)]
    taken = [*spans, *(Span(m.group(), m.start(), m.end()) for m in _CLOCK.finditer(sentence))]
    for m in _NUMBER.finditer(sentence):
        digits = m.group()
        if any(h.start <= m.start() < h.end for h in taken):
            continue  # part of a height ("6 feet 2 inches") or a clock time ("12:30 p.m.")
        if (
            YEAR_PATTERN.fullmatch(digits)
            or _YEAR_SPAN.fullmatch(digits)
            or _MONTH_BEFORE.search(sentence[: m.start()])
            or (_OLD_YEAR.fullmatch(digits) and _YEAR_WORD_BEFORE.search(sentence[: m.start()]))
        ):
            continue  # a year, a span of years or a day of the month is a date, not a count
        if _ORDINAL.match(sentence, m.end()):
            continue  # "the 20th century": an ordinal, not a count
        if _in_a_name(sentence, m.start(), m.end()):
            continue
        spans.append(_with_unit(sentence, m.start(), m.end()))
    spans += [_with_unit(sentence, m.start(), m.end()) for m in _WORD_NUMBER.finditer(sentence)]
    return sorted(spans, key=lambda s: s.start)


def _with_unit(sentence: str, start: int, end: int) -> Span:
    """The number at `start:end` with the word it counts, if one follows: "1,240 stores",
    "20,000-pound", "$3,128.06 per ounce"."""
    unit = _UNIT.match(sentence, end)
    if unit and unit.group("unit") == "per":  # "$3,128.06 per ounce" is read whole
        unit = _UNIT.match(sentence, unit.end())
        if unit and unit.group("unit") is not None and _is_unit(unit.group("unit")):
            end = unit.end()
    elif unit and (unit.group("unit") is None or _is_unit(unit.group("unit"))):
        # a sum's unit is no participle: "$3,052 based on IRS data"
        participle = (unit.group("unit") or "").endswith("ed")
        if not (participle and sentence[start] in CURRENCY_SIGNS):
            end = unit.end()
    return Span(sentence[start:end], start, end)


def _counted(sentence: str, span: Span, units: frozenset[str]) -> Span:
    """A number span not followed by what was asked, read on to the first asked word within
    UNIT_WORDS words joined by spaces: "four University of Idaho students" for "how many
    students", "five U.S. presidents" for "how many US presidents"."""
    if counted_unit(span.text) in units:
        return span
    pos = end = span.end
    for _ in range(UNIT_WORDS):
        m = _PHRASE_WORD.match(sentence, pos + 1) if sentence[pos : pos + 1] == " " else None
        if m is None:
            break
        key = _key_word(m.group())
        if key in NOT_UNITS and key != "of" or key[0].isdigit() or key in NUMBER_WORDS:
            break
        if singular(key) in units:
            end = m.end()  # and on through the asked words after it ("U.S. presidents")
        elif end > span.end and m.group()[0].isupper():
            end = m.end()  # or through the name it is part of ("300 Illinois National Guard")
        elif end > span.end:
            break
        pos = m.end()
    return Span(sentence[span.start : end], span.start, end)


def _age_after_name(sentence: str, span: Span) -> bool:
    """Whether a bare number is someone's age: "Madison Mogen, 21; Kaylee Goncalves, 21"."""
    return (
        span.text.isdigit()
        and _AGE_AFTER_NAME.search(sentence, 0, span.start) is not None
        and _AGE_CLOSE.match(sentence, span.end) is not None
    )


def _in_a_name(sentence: str, start: int, end: int) -> bool:
    """Whether the number at `start:end` belongs to a name or a rank, not a count: "Super Bowl
    59", "Route 83", "No. 1", "5G", "the Taipei 101"."""
    name = _NAME_BEFORE_NUMBER.search(sentence, 0, start)
    if name and _key_word(name.group(1) or "") not in ARTICLES | STOPWORDS:
        return True
    before = _WORD_BEFORE.search(sentence, 0, start)
    return (
        (before is not None and _key_word(before.group(1)) in NUMBERED_NAMES)
        or _NUMBERED_BEFORE.search(sentence, 0, start) is not None
        or _ARTICLE_NAME_BEFORE_NUMBER.search(sentence, 0, start) is not None
        or _GLUED.match(sentence, end) is not None
    )


def _is_unit(word: str) -> bool:
    """Whether the lower-case word after a number is what it counts ("stores"), not a verb or
    an adverb ("may", "potentially"); weeks and months are one though questions' stop words
    hold them ("seven weeks ago" counts weeks, not the MPs asked about; years are left bare,
    for "84 years old" answers "How old ...?" by "84")."""
    if singular(word) in ("week", "month"):
        return True
    return word not in NOT_UNITS and (not word.endswith("ly") or word in LY_NOUNS)


# Abbreviations opening a place's name with their dot: "St. Louis", "Ft. Myers", "Mt. Hood".
PLACE_ABBREVIATIONS = frozenset({"St", "Ft", "Mt"})
# The postal codes of the US states and DC: after a town and its comma ("in Williamsport, PA,
# from Aug. 13") one names a state, no person or team
US_POSTAL_CODES = frozenset(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
    NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY""".split()
)
_TOWN_COMMA = re.compile(r"[A-Z][\w.'’\-]*,\s*$")


def _state_after_town(sentence: str, span: Span) -> bool:
    """Whether `span` is a state's postal code after a town and its comma ("Williamsport, PA")."""
    return span.text in US_POSTAL_CODES and bool(_TOWN_COMMA.search(sentence, 0, span.start))


# Titles abbreviated with a dot before a name ("Sen. Alex Padilla", "Gov. Tim Walz"), never a
# name themselves; bot/evidence.py reads a question's sentences past the dot of these and "St."
TITLE_DOTS = frozenset("Sen Gov Rep Gen Lt Col Sgt Capt Dr Mr Mrs Ms Atty Supt".split())
TITLE_ABBREVIATIONS = TITLE_DOTS | frozenset("Cmdr Adm Maj Prof Rev".split())
# A person's name after a title: " Dr. Amy Acton", " Jane Doe".
_NAME_AFTER = re.compile(
    rf"\s+(?:(?:{'|'.join(sorted(TITLE_ABBREVIATIONS))})\.\s+)?(?P<first>[A-Z][a-z]+)\s+[A-Z]"
)
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")  # "R-Iowa", "D-Calif"


def _names(
    sentence: str,
    known: frozenset[str],
    *,
    several: bool,
    person: bool,
    first_names: frozenset[str] = frozenset(),
) -> list[Span]:
    """Runs of capitalised words ("Zohran Mamdani", "University of Idaho"); "X and Y" when the
    question asks for several. A sentence's first word starts a name when it is `known`, or
    when a person is asked for and it is one of `first_names` before another capitalised word
    ("Maria Corina Machado won ...")."""
    dateline = _DATELINE.match(sentence)
    tokens = list(_WORD.finditer(sentence, dateline.end() if dateline else 0))
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for n, tok in enumerate(tokens):
        word = tok.group()
        gap = sentence[run[-1].end() : tok.start()].strip() if run else ""
        # "John F. Kennedy"; for a person "U.S. Attorney General Jane Doe" (its titles go below;
        # otherwise "U.K." stays a place apart from "Prime Minister Keir Starmer")
        initial = gap == "." and (
            len(run[-1].group()) == 1
            or (person and bool(_DOTTED.fullmatch(run[-1].group())))
            or (len(run) == 1 and run[0].group() in PLACE_ABBREVIATIONS)  # "St. Louis"
        )
        if gap not in ("", "&") and not initial:
            runs.append(run)  # punctuation between the words ends the name
            run = []
        if word[0].isupper() and _COMPOUND_ADJECTIVE.search(word):
            run = []  # "Des Moines-based": the name before it is part of the adjective too
        # a number after a name is part of it ("Super Bowl 59", "Formula 1"), a score or a
        # range is not ("Morocco 1-2 Spain" is two names)
        capital = (word[0].isupper() and not _COMPOUND_ADJECTIVE.search(word)) or (
            word[0].isdigit() and bool(run) and not _SCORE.fullmatch(word)
        )
        if capital or (run and (word in CONNECTORS or (several and word == "and"))):
            run.append(tok)
            following = tokens[n + 1].group() if n + 1 < len(tokens) else ""
            if _possessive(word) and _key_word(following) not in OWNED_HEADS:
                # "Amazon's AWS": the owner is one name, the owned another ("Levi's Stadium"
                # and "New Year's Day" are one)
                runs.append(run)
                run = []
        else:
            runs.append(run)
            run = []
    runs.append(run)
    spans = []
    for run in runs:
        # A sentence's first word, or the first after a colon, is capitalised whether or not
        # it is a name ("Evansville: Hundreds of onlookers ...").
        opens = bool(run) and (run[0] is tokens[0] or _after_colon(sentence, run[0].start()))
        first = _key_word(run[0].group()) if run else ""
        if (
            opens
            and first not in known
            and not (len(run) > 1 and first in first_names)
            and not _opens_with_place(run)  # "Utah Valley University issued ..."
            and not _ampersand_name(sentence, run)  # "Marks & Spencer said ...", "AT&T said"
        ):
            run = run[1:]
        # A date is no name: "On July 20 I watched ...", "in February 2026", "in April of 2029".
        while len(run) > 1 and _key_word(run[0].group()) in CALENDAR_WORDS:
            if run[1].group()[0].isdigit():
                run = run[2:]  # the month or weekday and its number; further numbers go below
            elif len(run) > 2 and run[1].group() == "of" and run[2].group()[0].isdigit():
                run = run[3:]
            else:
                break
        # "On Monday Kevin McCarthy said": a weekday is no part of the name after it (a month
        # may be: April Ryan, June Carter).
        while len(run) > 1 and _key_word(run[0].group()) in _WEEKDAY_WORDS:
            run = run[1:]
        while run and (
            _key_word(run[0].group()) in ARTICLES
            or run[0].group() in CONNECTORS
            or run[0].group()[0].isdigit()
        ):
            run = run[1:]
        while run and not run[-1].group()[0].isupper() and not run[-1].group()[0].isdigit():
            run = run[:-1]
        while (
            len(run) > 1
            and _key_word(run[-1].group()) in _WEEKDAY_WORDS
            and _key_word(run[-2].group()) not in NAMED_DAYS
        ):
            run = run[:-1]  # "told BBC Wednesday": when, not part of the name
        # "Sen. Alex Padilla": a title with its dot is no name, nor the end of one ("Even Sen.")
        while (
            run
            and run[-1].group() in TITLE_ABBREVIATIONS
            and sentence[run[-1].end() : run[-1].end() + 1] == "."
        ):
            run = run[:-1]
        if person:
            run = _after_titles(run)
        if not run or all(_key_word(t.group()) in CALENDAR_WORDS for t in run):
            continue
        if len(run) == 1 and _PARTY_TAG.fullmatch(run[0].group()):
            continue  # "Charles Grassley, R-Iowa": a senator's party and state, nobody
        tail = _NAME_TAIL.search(sentence, 0, run[0].start())
        if tail and (not tail.group("head") or _institution_head(tail.group("head"))):
            continue  # "(Kennedy Center for the) Performing Arts"
        if len(run) == 1 and _PRONOUN_I.fullmatch(run[0].group()):
            continue  # the pronoun, "I'll" ("Elizabeth I" and "World War I" are longer runs)
        if len(run) == 1 and len(run[0].group()) == 1 and _GENUS.match(sentence, run[0].end()):
            continue  # "E. coli": a genus's initial (the platform "X" stays a name)
        if len(run) == 1 and _NUMBERED.match(sentence, run[0].start()):
            continue  # "the No. 1-ranked player": a rank, nobody called "No"
        start, end = run[0].start(), run[-1].end()
        text = sentence[start:end]
        if _possessive(text) and not _ARTICLE_BEFORE_NAME.search(sentence, 0, start):
            # an owner's "'s" goes; after an article it is a shop's or a brand's name ("the
            # McDonald's app", "a McDonald's restaurant", "the Macy's parade")
            text, end = text[:-2], end - 2
        elif _INITIALS.search(text) and sentence[end : end + 1] == ".":
            text, end = text + ".", end + 1  # "U.S." keeps its last full stop
        spans.append(Span(text, start, end))
    return _joined_institutions(sentence, spans)


# Before a name, a word that makes it a place's: "in Charlotte", "near Orem" (not "at": shots
# are fired at somebody).
_IN_BEFORE = re.compile(r"\b(?:in|across|near|throughout|outside)\s+$")
# A part of a place, written in lower case before its name: "north Phoenix", "suburban Atlanta".
_QUARTER_BEFORE = re.compile(
    rf"\b(?:{'|'.join(COMPASS_POINTS)}|northern|southern|eastern|western|northeastern|"
    r"northwestern|southeastern|southwestern|downtown|suburban|central|rural|coastal|metro|"
    r"greater)\s+$"
)
# The first word of many places' names and of nobody's: "Los Angeles", "San Diego", "Fort Worth",
# "Pacific Palisades", "North Carolina", "Mount Vernon".
PLACE_PREFIXES = frozenset(
    """los las san santa fort port new pacific atlantic north south east west northern
    southern eastern western mount upper lower""".split()
)


def _ampersand_name(sentence: str, run: list[re.Match[str]]) -> bool:
    """Whether a run of capitalised words is a name by its "&": one word holding it ("AT&T",
    "H&M") or two words joined by it ("Marks & Spencer", "Ben & Jerry's"). Such a name is one
    at a sentence's start as well, where a capital alone proves nothing."""
    if not run:
        return False
    if "&" in run[0].group():
        return True
    return len(run) > 1 and sentence[run[0].end() : run[1].start()].strip() == "&"


def _in_place(sentence: str, span: Span) -> bool:
    """Whether `span` names a place: after "in", "near" ... (not as an owner: "in Trump's first
    term"), or starting as only places' names do ("Los Angeles")."""
    words = span.text.split()
    if _key_word(words[0]) in PLACE_PREFIXES and len(words) <= 2:
        return True  # (a team is longer: "Los Angeles Dodgers", "New England Patriots")
    owner = sentence[span.end : span.end + 2] in ("'s", "’s")
    return not owner and _IN_BEFORE.search(sentence, 0, span.start) is not None


def _opens_with_place(run: list[re.Match[str]]) -> bool:
    """Whether a run of capitalised words starts with a US state's or a country's name ("Utah",
    "North Carolina"), which is a name wherever it stands."""
    words = [_key_word(t.group()) for t in run[:2]]
    places = COUNTRIES | US_STATES
    return words[0] in places or (len(words) == 2 and " ".join(words) in places)


def _after_titles(run: list[re.Match[str]]) -> list[re.Match[str]]:
    """A person's name after their last title or party ("Rhode Island Attorney General Peter
    Neronha", "Democrat Abigail Spanberger"); a title word may end the name ("Aaron Judge"). A
    title joined by "of" runs on to the first known first name, or to the last two words
    ("Secretary of State Marco Rubio", "Director of National Intelligence Tulsi Gabbard")."""
    words = [_key_word(t.group()) for t in run]
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if w in PERSON_PREFIXES), default=0)
    if cut and cut < len(run) and run[cut].group() in CONNECTORS:
        cut += 1
        while len(run) - cut > 2 and words[cut] not in GIVEN_NAMES:
            cut += 1
    return run[cut:]


def _joined_institutions(sentence: str, spans: list[Span]) -> list[Span]:
    """ "Food" and "Drug Administration" are one name, "Food and Drug Administration": a name
    joined by "and" to one ending in an institution's head ("Tom Hanks and Meg Ryan" stay two)."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and sentence[last.end : span.start] == " and "
            and _institution_head(span.text.rsplit(" ", 1)[-1])
            and not _institution_head(last.text.rsplit(" ", 1)[-1])
        ):
            out[-1] = Span(sentence[last.start : span.end], last.start, span.end)
        else:
            out.append(span)
    return out


_KEY_WORD = re.compile(_WORD.pattern + "|&")


def span_key(text: str) -> str:
    """What two mentions of the same thing share: lower-case, without "the" or "'s" ("&" is
    kept: "ben & jerry" is what "Ben & Jerry's" mentions)."""
    words = [_key_word(w) for w in _KEY_WORD.findall(text)]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _mentions(key: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", text) is not None


def kind_bonus(span: str, expected: ExpectedType) -> float:
    """A bonus for a span that is the very kind asked for: a country for "which country", a US
    state for "which state", a first and last name for "who"."""
    key = span_key(span)
    if expected.noun in COUNTRY_NOUNS:
        return KIND_BONUS if key in COUNTRIES else 0.0
    if expected.noun in STATE_NOUNS:
        return KIND_BONUS if key in US_STATES or " and " in key else 0.0
    if expected.kind == PERSON and expected.noun is None:
        return FULL_NAME_BONUS if len(key.split()) >= 2 else 0.0
    if expected.kind == DATE and expected.noun == "time":
        return KIND_BONUS if _CLOCK_TIME.fullmatch(span) else 0.0
    if expected.kind == DATE:
        # "When is the vote?": "Thursday, Oct. 9" over the bare year beside it (a deadline too:
        # "April 15", not "the 2025 tax year")
        # (a weekday alone gets none: "Monday" does not beat "1994" for "When did it last ...?")
        return (
            KIND_BONUS if _DAY_OR_MONTH.search(span) and not YEAR_PATTERN.fullmatch(span) else 0.0
        )
    if asks_money(expected):
        # "How much is the settlement?" asks for money; "How much snow fell?" does not
        return KIND_BONUS if _MONEY.search(span) else 0.0
    if expected.kind == NUMBER and expected.noun in SCORE_NOUNS:
        # "What was the final score?": "4-2", not "30 minutes" of extra time
        return KIND_BONUS if _SCORE.fullmatch(span) else 0.0
    if expected.kind == NUMBER and expected.noun in SHARE_NOUNS:
        # "What is the unemployment rate?", "What percentage ...?": "4.1%", not "$2.8 trillion"
        return KIND_BONUS if _SHARE.search(span) else 0.0
    return 0.0


def choose_lead(
    question: str, sentences: Sequence[str], scores: Sequence[float], context: Sequence[str] = ()
) -> Lead | None:
    """The best of `ranked_leads`, or None."""
    ranked = ranked_leads(question, sentences, scores, context)
    return ranked[0] if ranked else None


def ranked_leads(
    question: str, sentences: Sequence[str], scores: Sequence[float], context: Sequence[str] = ()
) -> list[Lead]:
    """The spans of the expected kind in the best sentences, each once (at its best-scoring
    sentence), best first; none when the question asks for no span or none is found. A word
    `context` (the passages the sentences come from) writes in lower case is a common word
    there too: "Conservative" opening "Conservative activist Charlie Kirk was shot ..." is no
    place.

    A span scores its best sentence's score, plus AGREEMENT_BONUS for each further considered
    sentence that mentions it (several retrieved articles naming the same thing), plus
    `kind_bonus`, minus QUESTION_OVERLAP_PENALTY when it repeats some of the question's words.
    """
    expected = expected_type(question)
    if expected is None or not sentences:
        return []
    asked = question_words(question)
    # the question's words a span should not repeat; the asked noun it may ("King Abdullah II")
    repeated = _singulars(asked) - _singulars([expected.noun] if expected.noun else [])
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    located = located_name(question)
    if located is not None:
        # "Where is X?": only a sentence writing X word for word says where it is ("Brown
        # attended college at the University of Colorado" does not, of Brown University)
        order = [i for i in order if _writes(sentences[i], located)]
        if not order:
            return []
    best = scores[order[0]]
    winner = expected.kind != NUMBER and _ASKS_WINNER.search(question) is not None
    naming = _ASKS_NAME.search(question) is not None
    publication = bool(asked & PUBLICATION_NOUNS)
    considered = [i for i in order[:LEAD_SENTENCES] if scores[i] >= LEAD_KEEP_RATIO * best]
    lowered = {i: sentences[i].lower().replace("’", "'") for i in considered}
    read = [sentences[i] for i in considered]
    with_passages = [*read, *context]
    # a sentence's first word is a name when the sentences, or the passages they come from,
    # write it with a capital mid-sentence ("Mikitani, founder of Rakuten, said ..." beside
    # "Hiroshi Mikitani said ...")
    known = capitalised_words([*read, *passage_sentences(context)])
    common = lowercase_words(with_passages)
    # surnames of the people the sentences (or their passages) name in full: "Kirk" is nowhere
    # after "Charlie Kirk", nor "Trump" in "In Trump's second term"
    # (nor "Kennedy" a news outlet or an agency; a company may bear its founder's: "Ford")
    surnames = (
        _surnames(with_passages)
        if expected.kind == PLACE or _asks_for(expected, BODY_NOUNS)
        else set()
    )
    # "Which hurricane ...", "Which university ...": a name starting or ending with the asked
    # noun is one ("Hurricane Erin", "Indiana University")
    heads = expected.heads if expected.kind in (ENTITY, PLACE) else frozenset()
    # a name the sentences (or their passages) write as a town answers no "Which restaurant
    # ...?" (a team may be a city's)
    towns = _towns(with_passages) if expected.kind == ENTITY and not asked & SIDE_NOUNS else set()
    # "Which city ...?": a name they write as a town is one ("Kansas City, Missouri"), where the
    # team parading there ("the Chiefs' championship victory") is not
    cities = _towns(with_passages) if expected.noun in CITY_NOUNS else set()
    done_to = _passive_stem(question) if expected.kind == PERSON else None
    role = asked_role(question, expected)
    found = {i: candidate_spans(sentences[i], expected, asked, known, common) for i in considered}
    act = _asked_act(question) if expected.kind in (PERSON, PLACE, ENTITY) else None
    if act and expected.kind == PERSON and expected.noun is None:
        # "Who won the World Series?": "The Los Angeles Dodgers won ...", a team that did it
        # (asked as a side: a country may win as a team, "England won Euro 2025")
        doing, side = ExpectedType(ENTITY), asked | {"team"}
        for i in considered:
            named = {(s.start, s.end) for s in found[i]}
            found[i] += [
                span
                for span in candidate_spans(sentences[i], doing, side, known, common)
                if (span.start, span.end) not in named
                and not _titled_person(span.text)
                and any(_does(sentences[i], span, form) for form in act)
            ]
    # who did the act asked about, by surname, wherever a considered sentence says so
    doers = (
        {
            span_key(span.text).split()[-1]
            for i in considered
            for span in found[i]
            if _does(sentences[i], span, done_to) and span_key(span.text)
        }
        if done_to
        else set()
    )
    # for "who": the words of the question's own names, by their capitals ("Trump"; not "flag"
    # of "Who created the intersex flag?"), and the first names it gives them
    asked_names: set[str] = set()
    question_firsts: dict[str, set[str]] = {}
    if expected.kind == PERSON:
        capitalised = {singular(_key_word(w)) for w in _WORD.findall(question) if w[:1].isupper()}
        asked_names = repeated & capitalised - STOPWORDS
        question_firsts = _first_names(question)
    asked_countries = {
        COUNTRY_ALIASES[fold(m.group()).replace(".", "")] for m in _COUNTRY_NAMED.finditer(question)
    }
    given = _figures(question) if expected.kind == NUMBER else set()
    # "where's the turning point vigil ... being held": "Turning Point USA" is what it asks of
    named_pairs = _pairs(question) if expected.kind == PLACE else set()
    leads: dict[str, Lead] = {}
    asked_surnames: set[str] = set()  # of the question's own people, as the sentences name them
    roled: set[str] = set()  # the candidates a sentence names with the role asked for
    for i in considered:
        for span in found[i]:
            key = span_key(span.text)
            if not key or winner and _lost(sentences[i], span) or key in surnames | towns:
                continue
            if asked_names and _asked_person(key, asked_names, question_firsts):
                # "Who raised the turkeys Trump pardoned?": the question's own Trump is no answer
                asked_surnames.add(key.split()[-1])
                continue
            if named_pairs and _pairs(span.text) & named_pairs:
                continue
            if given and (figures := _figures(span.text)) and figures <= given:
                # "... when San Francisco first hit $5?": the question's own $5 is given, not
                # asked ("$5 mark" is no answer)
                continue
            if COUNTRY_ALIASES.get(key) in asked_countries:
                # nor is its own "US" written out: "Which country may face higher tariffs for
                # failing to reach a deal with the US?" is not answered "United States"
                continue
            if done_to and (key.split()[-1] in doers or _SAID_AFTER.match(sentences[i], span.end)):
                # "Trump pardoned ..." does not answer "Who was pardoned?", nor does the agent
                # quoted on the case ("..., special agent Kenny Cooper said")
                continue
            others = sum(1 for j in considered if j != i and _mentions(key, lowered[j]))
            score = scores[i] + AGREEMENT_BONUS * min(others, MAX_AGREEMENT)
            score += kind_bonus(span.text, expected)
            if key in cities:
                score += KIND_BONUS
            if act and any(_does(sentences[i], span, form) for form in act):
                score += ACT_BONUS
            if role and written_with_role(sentences[i], span, role):
                score += KIND_BONUS  # "Sen. Ron Wyden" for "Which senator ...?"
                roled.add(key)
            if naming and _NAMED_BEFORE.search(sentences[i], 0, span.start):
                score += KIND_BONUS  # "turkeys named Gobble and Waddle": the names asked for
            if publication and key.split()[-1] in PUBLICATION_HEADS:
                score += KIND_BONUS  # "New York Times" for "Which newspaper ...?"
            ends = {singular(_key_word(w)) for w in _ends(span.text)}
            if expected.units and counted_unit(span.text) in expected.units:
                score += KIND_BONUS  # "1,240 stores" for "how many stores": the asked count
            elif ends & heads or _word_after(sentences[i], span.end) in heads:
                # "Hurricane Erin" for "Which hurricane ...?", "a McDonald's restaurant" for
                # "In which restaurant ...?"
                score += KIND_BONUS
            elif _singulars(_words(span.text)) & repeated:
                score -= QUESTION_OVERLAP_PENALTY
            if key not in leads or score > leads[key].score:
                leads[key] = Lead(span, i, score)
    # "Williams, No. 8 ..." is the "Serena Williams" the question calls "Serena"
    leads = {key: lead for key, lead in leads.items() if key not in asked_surnames}
    if not leads:
        return []
    if roled:
        # "Which House Speaker defended ...?": when a sentence names someone as a speaker, the
        # president who did the defending is no candidate (the one named so, by surname, is)
        surnames = {key.split()[-1] for key in roled}
        leads = {key: lead for key, lead in leads.items() if key.split()[-1] in surnames}
    if expected.several:
        # "Which two states ...?": "Missouri and Texas", though each alone is named more often
        together = {key: lead for key, lead in leads.items() if " and " in key}
        leads = together or leads
    if expected.kind == PERSON:
        leads = _full_names(leads)
    elif expected.kind == ENTITY:
        passages = list(context) or read  # each mention once: the sentences are the passages'
        leads = {
            key: replace(lead, span=_brand_name(sentences[lead.sentence], lead.span, passages))
            for key, lead in leads.items()
        }
    return sorted(leads.values(), key=lambda lead: (-lead.score, order.index(lead.sentence)))


def _pairs(text: str) -> set[tuple[str, str]]:
    """Each two words `text` writes one after the other, as a question's and a span's words are
    compared (`_key_word`)."""
    words = [_key_word(w) for w in _WORD.findall(text)]
    return set(zip(words, words[1:], strict=False))


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _figures(text: str) -> set[str]:
    """The figures `text` writes, without their thousands' commas: "$1,200 and 5%" -> {"1200",
    "5"}."""
    return {m.group().replace(",", "") for m in _FIGURE.finditer(text)}


def _first_names(question: str) -> dict[str, set[str]]:
    """The first names the question writes before each surname ("Vicky White": white -> vicky)."""
    firsts: dict[str, set[str]] = {}
    for m in _FIRST_AND_LAST.finditer(question):
        first = _key_word(m.group(1))
        if first not in STOPWORDS and first not in TITLES and first not in ROLE_NOUNS:
            firsts.setdefault(_key_word(m.group(2)), set()).add(first)
    return firsts


def _asked_person(key: str, named: set[str], firsts: dict[str, set[str]]) -> bool:
    """Whether the person `key` (a span's key) is one the question names (`named`: the words of
    its names, singular): by the surname alone ("Trump"), by a first name it writes alone
    ("Serena" for "Serena Williams"), or with the same first name, after any title ("Airman 1st
    Class Jack Teixeira" is "airman Jack Teixeira"); "Casey White" is not "Vicky White"."""
    words = key.split()
    surname = words[-1]
    if singular(surname) not in named:
        # "... the final against Serena?": "Serena Williams" by the first name alone, one the
        # question writes before no surname of its own
        return (
            len(words) > 1
            and singular(words[0]) in named
            and not any(words[0] in f for f in firsts.values())
        )
    written = firsts.get(surname)
    return not written or len(words) == 1 or any(w in written for w in words[:-1])


# How often the texts must write a name with its "'s", and never without, for the "'s" to be
# the name's own.
BRAND_MENTIONS = 2


def _brand_name(sentence: str, span: Span, texts: Sequence[str]) -> Span:
    """`span` with the "'s" after it when that is part of the name: the texts write the name
    BRAND_MENTIONS times or more, always with it ("Ben & Jerry's", "Macy's"); a name the texts
    also write bare is an owner's ("Johnson & Johnson's shares")."""
    owned = sentence[span.end : span.end + 2]
    if owned not in ("'s", "’s"):
        return span
    pattern = re.compile(r"(?<!\w)" + re.escape(span.text) + r"(?P<s>['’]s)?(?!\w)")
    mentions = [m for text in texts for m in pattern.finditer(text)]
    if len(mentions) < BRAND_MENTIONS or not all(m.group("s") for m in mentions):
        return span
    return Span(span.text + owned, span.start, span.end + 2)


# The oldest age a "how old" question is answered with; above it a number counts something else.
MAX_AGE = 130


HEAD_WORDS = 3  # the asked noun is among this many words after "which" or "what"


def _asked_heads(question: str) -> frozenset[str]:
    """The words (singular, lower case) that may name what a "which"/"what" question asks
    for: the lower-case words among HEAD_WORDS after it, up to a function word or a verb's past
    or an adverb, and "type of" aside."""
    m = next((m for m in _WH.finditer(question) if m.group("which")), None)
    if m is None:
        return frozenset()
    words = []
    for w in m.group("noun").split()[:HEAD_WORDS]:
        key = _key_word(w)
        if key in _PHRASE_STOPWORDS or key.endswith(("ed", "ly")):
            break  # "Which agency warned retailers?": the phrase ends before its verb
        # lower-case words only: "Formula" of "Which Formula 1 team" names no kind of thing
        if w[0].islower() and key not in KIND_WORDS:
            words.append(singular(key))
    return frozenset(words)


# Kinds an answer may be without the news calling it one: "Which group ...?" is answered by
# "farmers", "What position ...?" by "quarterback", "Which team did England beat?" by "Spain".
GENERIC_KINDS = frozenset(
    """group body organization organisation entity thing item one team side squad club opponent
    rival position role sport genre nationality religion party title rank name nickname slogan
    motto word term phrase color colour shape size style format method way reason people person
    time""".split()
)
# Words after which a "which" phrase has plainly ended: a verb's helper ("Which firm is ...").
_HELPERS = frozenset(
    """is are was were has have had will would can could do does did should may might must get
    gets got""".split()
)
# Words after a counted noun that make it a measure: "How many stories tall ...", "How many
# feet long ...".
MEASURE_ADJECTIVES = frozenset("tall long high wide deep thick heavy old far".split())
_PHRASE_TOKEN = re.compile(r"[\w’'\-]+|\?")


def _past(word: str) -> bool:
    """A verb's past by its ending ("carried", "fined"), not a noun ending alike ("seed")."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def asked_noun(question: str) -> str | None:
    """The noun (singular, lower case) naming the thing a "which"/"what" question or a count
    asks for, read only where its phrase plainly ends: before a verb's helper ("Which law firm
    is ...": "firm"), a past ("Which radio network carried ..."), "of" after a count ("How many
    pounds of ..."), or the question's end ("... to which nonprofit?"). None for people,
    places, dates and measures, which the news names without the noun ("Atlanta" for "which
    city"), for GENERIC_KINDS, and where the phrase may run on into a verb ("Which company
    makes ...")."""
    expected = expected_type(question)
    if expected is None or expected.kind not in (ENTITY, NUMBER) or expected.dimension:
        return None
    for m in _WH.finditer(question, opening_clause_end(question)):
        if m.group("wh"):
            return None
        if m.group("how"):
            if m.group("how").lower().split()[-1] != "many":
                return None
            counted, rest = True, question[m.end() :]
        else:
            if _key_word(m.group("noun").split()[0]) in STOPWORDS:
                continue  # "What did ...", "What is the name ...": no noun read
            counted, rest = False, question[m.start("noun") :]
        noun = None
        for token in _PHRASE_TOKEN.findall(rest)[: HEAD_WORDS + 1]:
            key = _key_word(token)
            if counted and key in MEASURE_ADJECTIVES:
                return None  # "How many stories tall ...": a measure, written as "101-floor"
            ended = (
                token == "?"
                or key in _HELPERS
                or _past(key)
                or counted
                and key in ("of", "per")  # "How many pounds of ...", "... per hour"
            )
            if ended:
                return noun if noun not in GENERIC_KINDS else None
            if key in STOPWORDS or key.endswith("ly"):
                return None
            # a name's words are no kind ("Which Ohio utility"); a lower-case word after the
            # noun is a verb ("Which company makes the ...")
            noun = singular(key) if token[0].islower() and key not in KIND_WORDS else None
        return None
    return None


_NEXT_WORD = re.compile(r"\s+(\w+)")


def _word_after(sentence: str, end: int) -> str | None:
    """The word right after a span (singular, lower case), or None."""
    m = _NEXT_WORD.match(sentence, end)
    return singular(_key_word(m.group(1))) if m else None


MIN_ACRONYM = 3  # capitals in a row that spell an organisation ("SEC", "NBA"), not initials ("AJ")
MAX_ACRONYM = 4  # longer, capitals in a row are a word written in capitals ("TODAY"), not "NASA"


def _acronym_or_role(span: str) -> bool:
    """A span made only of acronyms and words for a person ("SEC", "SEC Player"), or holding a
    word written in capitals that is longer than an acronym ("USA TODAY Sports": running text
    writes no person's name so): no name."""
    words = span.split()
    return all(
        (w.isupper() and w.isalpha() and len(w) >= MIN_ACRONYM) or w.lower() in PERSON_NOUNS
        for w in words
    ) or any(w.isupper() and w.isalpha() and len(w) > MAX_ACRONYM for w in words)


def _ends(span: str) -> list[str]:
    """The first and the last word of a span."""
    words = _WORD.findall(span)
    return [words[0], words[-1]] if words else []


_TOWN = re.compile(
    r"\b(?:(?P<name>[A-Z][a-z][\w'’\-]*(?:\s[A-Z][a-z][\w'’\-]*){0,2}),\s+"
    r"(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?![\w\-])"  # not "New York-based"
    r"|\b(?:city|town|village)\s+of\s+(?P<of>[A-Z][a-z][\w'’\-]*(?:\s[A-Z][a-z][\w'’\-]*)?))"
)


def _towns(sentences: Sequence[str]) -> set[str]:
    """Keys of the names the sentences write as a place: "Altoona, Pennsylvania", "the city of
    Altoona"."""
    towns = set()
    for sentence in sentences:
        for m in _TOWN.finditer(sentence):
            if m.group("of"):
                towns.add(span_key(m.group("of")))
            elif span_key(m.group("region")) in COUNTRIES | US_STATES:
                towns.add(span_key(m.group("name")))
    return towns


def _surnames(sentences: Sequence[str]) -> set[str]:
    """The surnames, lower-case, of people the sentences name by a known first name and more."""
    return {
        _key_word(m.group(2))
        for sentence in sentences
        for m in _FIRST_AND_LAST.finditer(sentence)
        if _key_word(m.group(1)) in GIVEN_NAMES
    }


# "Who was pardoned ...?", "Who has been named ...?": the question asks who underwent an act.
_PASSIVE = re.compile(
    r"\bwho\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|will\s+be|got|gets)\s+"
    r"(?:[a-z]+ly\s+)?(?P<verb>[a-z]{3,})\b",
    re.IGNORECASE,
)
# Between a doer and their act: "Trump will posthumously award ...", "police have arrested".
_BEFORE_ACT = re.compile(
    r"(?:\s+(?:will|would|has|have|had|also|then|later|just|to|[a-z]+ly))*\s+", re.IGNORECASE
)
MIN_STEM = 3
# After a name, what sets its description beside it: "Mikitani, founder of ...", "Elias, the
# founder of ...", "Mew, who founded ...".
_APPOSITION = re.compile(r",\s+(?:(?P<who>who\s+(?:also\s+)?)|(?:the|a|an|its)\s+)?", re.IGNORECASE)
# Participles that end in neither "-ed" nor "-n": "Who was shot?", "Who was hit ...?"
PARTICIPLES = frozenset(
    """shot hit struck sent held led paid sold told caught found made built lost left put set cut
    hurt bought brought taught kept met fought spent""".split()
)
# After a name, the verb that makes it the source quoted ("Kenny Cooper said").
_SAID_AFTER = re.compile(r",?\s+(?:said|says|told|added|noted|explained|wrote)\b")
# Saying before a name, after a quotation or a comma: the speaker follows ("..., said Derek
# Perry"); "Neronha said Providence and Boston joined" tells what was said.
_SAID_BEFORE = re.compile(r"[,”\"’']\s*(?:said|says|added|noted|explained|wrote)\s+$")


def _a_mark(sentence: str, span: Span) -> bool:
    """Whether `span` is a letter in quotes marking the noun after it (the "M" pills), no
    name; the app renamed "X" in 2023 is one."""
    m = _QUOTED_LETTER.match(sentence, max(span.start - 1, 0))
    return m is not None and span.end - span.start == 1 and m.group("noun") not in STOPWORDS


def _quoted(sentence: str, span: Span) -> bool:
    """Whether the sentence quotes `span` as the one saying it: "Perry said", "..., said Perry"."""
    return (
        _SAID_AFTER.match(sentence, span.end) is not None
        or _SAID_BEFORE.search(sentence, 0, span.start) is not None
    )


def _passive_stem(question: str) -> str | None:
    """The stem of the act a "Who was <done> ...?" question asks about ("pardon" of
    "pardoned", "nam" of "named", "chos" of "chosen"), or None."""
    m = _PASSIVE.search(question)
    if m is None or m.group("verb").lower() in STOPWORDS:
        return None
    verb = m.group("verb").lower()
    for ending in ("ed", "en", "n"):
        if verb.endswith(ending) and len(verb) - len(ending) >= MIN_STEM:
            return verb[: -len(ending)]
    # a participle without those endings ("shot", "hit"); any other word ("Who is running
    # ...?", "Who was behind ...?") makes no passive question
    return verb if verb in PARTICIPLES else None


# "Which company sued ...?", "Who won ...?": the asked thing or person did the act (its first
# past-tense verb within ACT_WORDS words after the question word).
_ASKER = re.compile(r"\b(?:who|which|what)\b", re.IGNORECASE)
ACT_WORDS = 6
# Words before the act that keep it the asked one's ("Which company recently sued ...?") and
# words that make it another's ("Which company did Trump sue?", "Who was pardoned?").
_BEFORE_ASKED_ACT = frozenset(
    "has have had recently just officially reportedly also first once".split()
)
_NOT_ASKED_ACT = frozenset(
    "did does do was were is are been be will would can could should may might".split()
)
# Irregular pasts a question may ask with, and the forms a sentence may tell the act in.
IRREGULAR_ACTS = {
    "won": ("won", "win"),
    "beat": ("beat",),
    "led": ("led", "lead"),
    "made": ("made", "make"),
    "became": ("became", "become"),
    "took": ("took", "take"),
    "hit": ("hit",),
    "struck": ("struck", "strike"),
    "sold": ("sold", "sell"),
    "bought": ("bought", "buy"),
    "left": ("left", "leave"),
    "built": ("built", "build"),
    "broke": ("broke", "break"),
    "ran": ("ran", "run"),
    "shot": ("shot", "shoot"),
    "paid": ("paid", "pay"),
    "lost": ("lost", "lose"),
    "held": ("held", "hold"),
    "met": ("met", "meet"),
    "chose": ("chose", "choose"),
    "fell": ("fell", "fall"),
    "rose": ("rose", "rise"),
    "sent": ("sent", "send"),
    "told": ("told", "tell"),
    "gave": ("gave", "give"),
    "set": ("set",),
    # the past and the present only: a participle after a name is passive ("a Persian epic
    # written by Ferdowsi" names no writer in "Persian")
    "flew": ("flew", "fly"),
    "swam": ("swam", "swim"),
    "spoke": ("spoke", "speak"),
    "went": ("went", "go"),
    "wrote": ("wrote", "write"),
    "drove": ("drove", "drive"),
    "began": ("began", "begin"),
    "brought": ("brought", "bring"),
    "caught": ("caught", "catch"),
    "sang": ("sang", "sing"),
    "threw": ("threw", "throw"),
    "stole": ("stole", "steal"),
    "rode": ("rode", "ride"),
    "drew": ("drew", "draw"),
}


def _asked_act(question: str) -> tuple[str, ...]:
    """The forms of the act a question asks who did ("sued": "sue"; "won": "won", "win"), or
    () when it asks who had something done ("Who was pardoned?") or names no past act."""
    m = _ASKER.search(question)
    if m is None:
        return ()
    for word in question[m.end() :].split()[:ACT_WORDS]:
        verb = word.lower().strip(",.?!;:")
        if verb in _NOT_ASKED_ACT:
            return ()
        if verb in IRREGULAR_ACTS:
            return IRREGULAR_ACTS[verb]
        if verb.endswith("ed") and len(verb) > 3 and verb not in _BEFORE_ASKED_ACT:
            return (verb[:-2] if len(verb) - 2 >= MIN_STEM else verb[:-1],)
    return ()


def _does(sentence: str, span: Span, stem: str) -> bool:
    """Whether the sentence has `span` do the act of `stem` ("President Donald Trump pardoned
    two turkeys", "Trump will posthumously award the medal to Charlie Kirk"), or names it the
    act's doer ("Mikitani, founder of Rakuten", "Rakuten founder Hiroshi Mikitani"): the doer,
    not who it was done to."""
    # the stem and a verb's ending: "fir" in "fired" or "fires", not in "first"
    form = re.escape(stem) + r"(?:e|es|s|ed|d|ing|[a-z](?:ed|ing))?\b"
    m = _BEFORE_ACT.match(sentence, span.end)
    if m is not None and re.match(form, sentence[m.end() :], re.IGNORECASE) is not None:
        return True
    # the doer's noun: "founder", "co-founder", "creator", "inventor", "director"
    doer = r"\b(?:co-?)?" + re.escape(stem) + r"e?(?:r|rs|or|ors)\b"
    m = _APPOSITION.match(sentence, span.end)
    # the act itself only after "who": "The Cardinals, while based in Chicago, won ..." does
    # not have Chicago win
    act = f"{doer}|{form}" if m is not None and m.group("who") else doer
    if m is not None and re.match(act, sentence[m.end() :], re.IGNORECASE):
        return True
    return re.search(doer + r"\s+$", sentence[: span.start], re.IGNORECASE) is not None


def _lost(sentence: str, span: Span) -> bool:
    """Whether the sentence names `span` as who lost: right after "defeated", "beat", "over"
    (a party or a title between): "Mikie Sherrill defeated Republican Jack Ciattarelli"."""
    return _DEFEATED.search(sentence, 0, span.start) is not None


def _writes(sentence: str, name: str) -> bool:
    """Whether `sentence` writes `name` word for word (case, accents and punctuation aside)."""

    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "

    return words(name) in words(sentence)


# The acts a disaster's or a crime's tally counts, by the stems news writes them with: a count
# of the dead answers no "How many were injured?".
TOLL_ACTS = {
    "death": ("kill", "dead", "die", "died", "death", "fatal", "perish"),
    "injury": ("injur", "wound", "hurt"),
    "arrest": ("arrest",),
    "rescue": ("rescu",),
    "evacuation": ("evacu",),
    "hospital": ("hospitali",),
    "missing": ("missing",),
}
_TOLL_BEFORE = re.compile(
    r"\b([a-z]+)\s+(?:(?:at\s+least|more\s+than|as\s+many\s+as|about|nearly|almost|over|some|"
    r"roughly|around|up\s+to|another|an\s+estimated)\s+)?$"
)
_TOLL_AFTER = re.compile(
    r"\s+(?:(?:people|others|persons|residents|workers|children|adults|students|civilians|"
    r"soldiers|passengers)\s+)?(?:(?:were|was|are|is|have\s+been|had\s+been|being)\s+)?([a-z]+)"
)


def _toll_of(word: str) -> str | None:
    return next((act for act, stems in TOLL_ACTS.items() if word.startswith(stems)), None)


def _toll_acts(asked: frozenset[str]) -> set[str]:
    """The acts a question's words count the tally of ("injured": injury), if any."""
    return {act for act in map(_toll_of, asked) if act is not None}


def _toll_act(sentence: str, span: Span) -> str | None:
    """The act a number of `sentence` is the tally of, by the verb just before it ("killing
    three people": death) or just after it ("60 were injured", "three dead"), else None."""
    before = _TOLL_BEFORE.search(sentence, 0, span.start)
    act = _toll_of(before.group(1)) if before else None
    if act is None:
        after = _TOLL_AFTER.match(sentence, span.end)
        act = _toll_of(after.group(1)) if after else None
    return act


def _of_other_years(sentence: str, asked: frozenset[str]) -> bool:
    """Whether the question names a year (`asked`, its words) and `sentence` names years, none
    of them that one: its dates are of another year."""
    years = {w for w in asked if YEAR_PATTERN.fullmatch(w)}
    written = set(YEAR_PATTERN.findall(sentence))
    return bool(years) and bool(written) and not years & written


def _date_of_another_act(sentence: str, start: int, asked: frozenset[str]) -> bool:
    """Whether the date at `start` is when something was said or someone died, and the question
    asks of neither: "Funeral plans for Dick Cheney, who died on Monday, Nov. 3, ..." does not
    say when the funeral is; "officials said Thursday" not when the vote is."""
    verb = _VERB_BEFORE_DATE.search(sentence, 0, start)
    if verb is None:
        return False
    stem = verb.group(1).lower()[:VERB_STEM]
    return not any(word.startswith(stem) for word in asked)


def _year_of_name(sentence: str, start: int) -> bool:
    """Whether the date span at `start` is a bare year naming an event: "the 2026 Olympics"."""
    return bool(
        _YEAR_BEFORE_NAME.match(sentence, start) and _ARTICLE_BEFORE.search(sentence, 0, start)
    )


def _age(span: str) -> bool:
    """Whether a number span can be somebody's age: "31", "31 years", "31-year-old"; not "1,000
    hours" ("How old was Charlie Kirk?" led with it)."""
    digits = re.match(r"\d+", span)
    unit = counted_unit(span)
    return (
        digits is not None
        and int(digits.group()) <= MAX_AGE
        and (not unit or unit in ("year", "year-old", "old"))
        and not _MONEY_OR_SHARE.search(span)  # "86%" of them is no age
    )


def counted_unit(span: str) -> str:
    """What a number span counts: its last word, singular ("stores" of "1,240 stores"), or the
    words hyphened to it ("pound" of "20,000-pound", "year-old" of "31-year-old")."""
    words = span.split()
    if len(words) > 1:
        return singular(_key_word(words[-1]))
    if _TIMES.fullmatch(span):
        return "time"  # "twice" counts times as "two times" does
    hyphened = re.match(rf"[{CURRENCY_SIGNS}]?\d[\d.,]*-([a-z][a-z\-]*)$", span)
    return singular(hyphened.group(1)) if hyphened else ""


# What "How many animals ...?" counts, as the news writes it: "140 individual reptiles,
# amphibians, birds, and small mammals", "12 bears" (each singular, as `counted_unit` gives it)
_GENERIC_ANIMALS = frozenset({"animal", "creature"})
_ANIMAL_KINDS = frozenset(singular(w) for w in ANIMAL_NOUNS | {a for a in ANIMALS if " " not in a})


def counted_kinds(units: frozenset[str]) -> frozenset[str]:
    """The asked `units` with what counts as one of them: a kind of animal for "animals"."""
    return units | _ANIMAL_KINDS if units & _GENERIC_ANIMALS else units


def counts_other(span: str, units: frozenset[str]) -> bool:
    """Whether a number span counts something other than `units` ("Six planets" for "How many
    moons ...?"); a bare number counts nothing said."""
    unit = counted_unit(span)
    return bool(unit) and unit not in units


def mentions_unit(units: frozenset[str], texts: Sequence[str]) -> bool:
    """Whether one of `texts` writes one of the asked `units` (from "how many"), in either
    number ("players" for "player", "stories" for "storie")."""
    words = {singular(_key_word(w)) for text in texts for w in _WORD.findall(text)}
    return any(
        unit in words
        or (len(unit) >= UNIT_STEM and any(w.startswith(unit[:UNIT_STEM]) for w in words))
        for unit in units
    )


def _full_names(leads: dict[str, Lead]) -> dict[str, Lead]:
    """A person named by surname alone ("Mamdani") and in full ("Zohran Mamdani") in the
    considered sentences is one candidate, answered with the full name at the better score."""
    merged = dict(leads)
    for key, lead in leads.items():
        if " " in key:
            continue
        fuller = [k for k in leads if " " in k and k.rsplit(" ", 1)[1] == key]
        if not fuller:
            continue
        full = max(fuller, key=lambda k: leads[k].score)
        best = merged.get(full, leads[full])
        merged[full] = Lead(best.span, best.sentence, max(best.score, lead.score))
        del merged[key]
    return merged


_OPENING_QUOTES = frozenset('"“')


# A nickname in quotes between a person's first name and surname: “Mickey”, "The Rock".
_NICKNAME = r"[“\"][A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}[”\"]"


def full_name(surname: str, text: str) -> Span | None:
    """The first mention in `text` of the person `surname` names, in full ("Zohran Mamdani" for
    "Mamdani"): a news article names someone in full once, then by surname alone. Titles and
    other capitalised words before the name ("New York Mayor Eric Adams") are left out; None
    when `text` never names them more fully."""
    if not surname or " " in surname.strip():
        return None
    # (a full stop only after an initial: "in Houston. Takeoff", "U.S. Starbucks" are no names)
    # (a surname's lower-case particles may come between: "Laurence des Cars")
    # (so may a nickname in quotes: "Hiroshi “Mickey” Mikitani", "Dwayne "The Rock" Johnson")
    before = re.compile(
        rf"(?<![\w'’\-.])((?:(?:[A-Z]\.|[A-Z][\w'’\-]*|{_NICKNAME})[ \t]+){{1,3}})"
        + rf"(?:(?:{'|'.join(sorted(SURNAME_PARTICLES))})[ \t]+)?"
        + re.escape(surname)
        + r"(?!\w)"
    )
    for m in before.finditer(text):
        if text[m.start(1) - 1 : m.start(1)] in _OPENING_QUOTES:
            continue  # a quoted title: “Becoming Brigitte” is nobody
        words = list(re.finditer(rf"{_NICKNAME}|\S+", m.group(1)))
        cut = 0
        for i, w in enumerate(words):
            key = _key_word(w.group())
            if w.group()[0] in _OPENING_QUOTES:
                continue  # a nickname is no title
            if key in TITLES or key in STOPWORDS or key in CALENDAR_WORDS or _possessive(w.group()):
                cut = i + 1
        while cut < len(words) and words[cut].group()[0] in _OPENING_QUOTES:
            cut += 1  # a name starts with a name, not a quoted word: “Becoming” Brigitte
        if cut < len(words):
            start = m.start(1) + words[cut].start()
            return Span(text[start : m.end()], start, m.end())
    return None


def opening(span: str) -> str:
    """A lead as an answer starts with it: a capital first ("Total lunar eclipse", "Green"),
    unless its first word is written with a capital inside ("iPhone", "eBay")."""
    first = span.split(" ", 1)[0]
    return span[:1].upper() + span[1:] if first.islower() else span


def runner_up(leads: Sequence[Lead]) -> Lead | None:
    """The best of `leads` (ranked, as `ranked_leads` gives them) after the first that comes
    from another sentence and scores at least RUNNER_UP_RATIO of the first: a close call,
    whose sentence the answer shows too, so a reader sees the other answer the articles give
    ("Pop icon Lady Gaga leads the nominations" after a lead "Taylor Swift")."""
    if not leads or leads[0].score <= 0:
        return None
    first = leads[0]
    return next(
        (
            lead
            for lead in leads[1:]
            if lead.sentence != first.sentence and lead.score >= RUNNER_UP_RATIO * first.score
        ),
        None,
    )


def supporting_sentences(
    lead_sentence: int, chosen: Sequence[int], close: int | None = None
) -> list[int]:
    """The sentences after the lead: the one it came from, then the sentence of a close call
    (`runner_up`) if any, else the best other chosen ones, at most SUPPORTING_SENTENCES in
    all."""
    others = [i for i in chosen if i != lead_sentence]
    if close is not None and close != lead_sentence:
        others = [close, *(i for i in others if i != close)]
    return [lead_sentence, *others][:SUPPORTING_SENTENCES]
