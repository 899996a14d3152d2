"""Encryption at rest: a Keyplan file kept encrypted with SQLCipher (issue 19).

``detect`` (standard library only, on the start-up path) tells an encrypted file from a plain
one and opens either; ``keys`` finds the key of an encrypted file (remembered in this process,
``KEYPLAN_PASSPHRASE``, or asked through the passphrase source the UI or the CLI installs);
``convert`` encrypts and decrypts a file in place, all or nothing; ``keyring_store`` remembers
a file's key in the system keyring when the user allows it. SQLCipher itself (``sqlcipher3``)
is imported only when an encrypted file is met.
"""
