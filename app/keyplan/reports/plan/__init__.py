"""The account plan as PDF: its sections, the internal and the customer-safe version (what
redaction leaves out).
"""
