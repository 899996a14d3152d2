"""Our side: the team members and offerings window, and what follows their changes."""
