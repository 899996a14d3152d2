"""Encryption at rest in the app: the passphrase at open, File › Encrypt / Decrypt."""
