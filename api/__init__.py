"""Connecticut school-rights assistant: the api service (channels, language, privacy, NLG)."""
