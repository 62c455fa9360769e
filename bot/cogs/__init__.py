"""The bot's command groups, loaded as discord.py extensions by `NewsBot.setup_hook`."""
