"""newsbot's retrieval engine: articles in, ranked passages out. Never imports bot/ or discord."""
