"""Team mode: opening a team database, and turning the server's change notices into signals."""
