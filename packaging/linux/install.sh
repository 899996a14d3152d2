#!/bin/sh
# Install the Keyplan bundle for the current user: no root needed, nothing outside $HOME.
#
#   ./install.sh              from inside the bundle folder (dist/keyplan/)
#   PREFIX=/opt/keyplan ...   to choose another place (then run it as the owner of that place)
#
# Copies the bundle to $PREFIX (default ~/.local/lib/keyplan), links the command into
# ~/.local/bin, and adds the icons and the menu entry under $XDG_DATA_HOME (~/.local/share).
# Uninstall: ./install.sh --uninstall
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=${PREFIX:-$HOME/.local/lib/keyplan}
bin_dir=${BIN_DIR:-$HOME/.local/bin}
app_id=org.keyplan.Keyplan
sizes="16 32 48 64 128 256 512"

uninstall() {
    rm -f "$bin_dir/keyplan" "$data_home/applications/$app_id.desktop"
    for size in $sizes; do
        rm -f "$data_home/icons/hicolor/${size}x$size/apps/$app_id.png"
    done
    rm -f "$data_home/icons/hicolor/scalable/apps/$app_id.svg"
    rm -rf "$prefix"
    echo "Keyplan removed (your database and settings are kept)."
}

install_bundle() {
    if [ ! -x "$here/keyplan" ]; then
        echo "Run this script from the Keyplan bundle folder (it holds the 'keyplan' program)." >&2
        exit 1
    fi
    if [ "$here" != "$prefix" ]; then
        rm -rf "$prefix"
        mkdir -p "$(dirname "$prefix")"
        cp -R "$here" "$prefix"
    fi
    mkdir -p "$bin_dir" "$data_home/applications"
    ln -sf "$prefix/keyplan" "$bin_dir/keyplan"

    icons="$prefix/_internal/keyplan/_resources/icons"
    for size in $sizes; do
        mkdir -p "$data_home/icons/hicolor/${size}x$size/apps"
        cp "$icons/keyplan-$size.png" "$data_home/icons/hicolor/${size}x$size/apps/$app_id.png"
    done
    mkdir -p "$data_home/icons/hicolor/scalable/apps"
    cp "$icons/keyplan.svg" "$data_home/icons/hicolor/scalable/apps/$app_id.svg"

    # The menu entry names the installed program by its full path: ~/.local/bin is not on
    # every desktop session's PATH.
    sed -e "s|^Exec=keyplan|Exec=$prefix/keyplan|" -e "s|^TryExec=keyplan|TryExec=$prefix/keyplan|" \
        "$here/$app_id.desktop" >"$data_home/applications/$app_id.desktop"

    # Refresh the menu and icon caches where the tools exist; a desktop without them rescans.
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$data_home/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
    echo "Keyplan installed in $prefix; start it from the menu or with: $bin_dir/keyplan"
}

case "${1:-}" in
    --uninstall) uninstall ;;
    "") install_bundle ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
