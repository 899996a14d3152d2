"""The insights in words, for the PDF and the command line."""
