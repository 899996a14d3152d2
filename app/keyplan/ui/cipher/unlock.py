"""Where the app gets an encrypted file's key: the keyring when the user allowed it, else the
passphrase dialog (``KEYPLAN_PASSPHRASE`` is tried before either, by the store).

Installed as the store's passphrase source when the app starts; loaded on the start-up path,
so it imports no dialog and no keyring until an encrypted file is met.
"""

from __future__ import annotations

import threading
from pathlib import Path

from keyplan.store.cipher.keys import PassphraseNeeded, set_passphrase_source


def install_passphrase_dialog(*, ask: bool = True) -> None:
    """Ask in a dialog for the passphrase of an encrypted file (``ask=False``: never ask, for
    ``--exit-when-ready``, where nobody is there to answer)."""
    set_passphrase_source(ask_for_key if ask else None)


def ask_for_key(path: Path, problem: str | None) -> bytes | None:
    """The checked key of ``path``: from the keyring, or typed in the dialog; None: cancelled.

    Raises:
        PassphraseNeeded: asked from a background thread (no dialog may open there).
    """
    if threading.current_thread() is not threading.main_thread():
        raise PassphraseNeeded(f"{path} is encrypted and its passphrase was not given.")
    remembered = key_from_keyring_if_allowed(path)
    if remembered is not None:
        return remembered
    from keyplan.ui.cipher.passphrase_dialog import UnlockDialog
    from keyplan.ui.shell.app_icon import give_the_application_its_icon

    give_the_application_its_icon()  # at start-up the dialog may come before the window
    dialog = UnlockDialog(path, problem)
    if not run_dialog(dialog) or dialog.key is None:
        return None
    if dialog.remember.isChecked():
        keep_in_keyring(path, dialog.key)
    return dialog.key


def run_dialog(dialog: object) -> bool:
    """Show a modal dialog; True when accepted (the tests replace this seam)."""
    return bool(dialog.exec())  # type: ignore[attr-defined]


def key_from_keyring_if_allowed(path: Path) -> bytes | None:
    """The key the keyring keeps for ``path``, if the user once ticked Remember for it and it
    still opens the file (a file encrypted anew has a new key: the entry is dropped)."""
    from keyplan.ui.shell import settings

    name = str(Path(path).expanduser().resolve())
    if name not in settings.read(settings.KEYRING_FILES):
        return None
    from keyplan.store.cipher.keyring_store import forget_in_keyring, key_from_keyring
    from keyplan.store.cipher.keys import check_key

    key = key_from_keyring(path)
    if key is not None and check_key(path, key):
        return key
    forget_in_keyring(path)
    _set_remembered(name, remembered=False)
    return None


def keep_in_keyring(path: Path, key: bytes) -> str | None:
    """Keep the key in the keyring; the message to show when it could not be, else None."""
    from keyplan.domain.errors import KeyplanError
    from keyplan.store.cipher.keyring_store import remember_in_keyring

    try:
        remember_in_keyring(path, key)
    except KeyplanError as error:
        from keyplan.ui import dialogs

        dialogs.show_error(None, str(error), "Keyring")
        return str(error)
    _set_remembered(str(Path(path).expanduser().resolve()), remembered=True)
    return None


def forget_remembered(path: Path) -> None:
    """Drop the keyring entry of ``path`` (after a decrypt: no key to keep any more)."""
    from keyplan.ui.shell import settings

    name = str(Path(path).expanduser().resolve())
    if name in settings.read(settings.KEYRING_FILES):
        from keyplan.store.cipher.keyring_store import forget_in_keyring

        forget_in_keyring(path)
        _set_remembered(name, remembered=False)


def _set_remembered(name: str, *, remembered: bool) -> None:
    from keyplan.ui.shell import settings

    names = [entry for entry in settings.read(settings.KEYRING_FILES) if entry != name]
    settings.write(settings.KEYRING_FILES, [*names, name] if remembered else names)
