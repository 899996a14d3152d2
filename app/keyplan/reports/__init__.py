"""Printed documents (ReportLab, no Qt): the account plan in its variants, the meeting brief."""
