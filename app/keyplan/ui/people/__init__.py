"""People and accounts on screen: the People table, the account's Overview."""
