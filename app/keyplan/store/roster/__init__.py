"""Our side of the accounts: the team members who work them and the offerings we sell."""
