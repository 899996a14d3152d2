#!/bin/sh
# Name the system libraries Qt needs that are missing, before Qt fails with a misleading
# message (it blames libxcb-cursor0 even when libxcb-icccm4 or libxcb-keysyms1 is missing).
# Usage: check-qt-libs.sh offscreen|display
mode=${1:-display}

# library file : Debian package
offscreen_libs="libEGL.so.1:libegl1 libGL.so.1:libgl1 libfontconfig.so.1:libfontconfig1
libxkbcommon.so.0:libxkbcommon0 libglib-2.0.so.0:libglib2.0-0 libdbus-1.so.3:libdbus-1-3"
display_libs="libX11.so.6:libx11-6 libX11-xcb.so.1:libx11-xcb1 libxcb-icccm.so.4:libxcb-icccm4
libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-cursor.so.0:libxcb-cursor0
libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-shape.so.0:libxcb-shape0
libxcb-randr.so.0:libxcb-randr0 libxcb-render-util.so.0:libxcb-render-util0
libxcb-image.so.0:libxcb-image0 libxcb-xkb.so.1:libxcb-xkb1"

wanted=$offscreen_libs
[ "$mode" = display ] && wanted="$offscreen_libs $display_libs"

known=$(/sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null)
[ -n "$known" ] || exit 0  # not a glibc system we can inspect: let Qt speak for itself

missing=""
for pair in $wanted; do
    lib=${pair%%:*}
    package=${pair##*:}
    echo "$known" | grep -q "$lib" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    echo "Qt needs system libraries that are missing:$missing" >&2
    echo "Install them with:  sudo apt-get install$missing" >&2
    exit 1
fi
if [ "$mode" = display ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found (DISPLAY is not set). On a server, run: xvfb-run -a make run" >&2
    exit 1
fi
