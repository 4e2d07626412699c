#!/bin/sh
# Assembles the root file system of Dockerfile.native-micro next to the native binary, from the
# build machine itself, so that the image is built FROM scratch and nothing is pulled:
#
#   src/main/docker/image-root.sh target/fbx-runner target/image-root
#
# (./mvnw package -Pnative runs it after the binary is built.) What it puts there:
#   root/    the shared libraries the binary links, at the paths the loader finds them (`ldd`);
#            /etc/passwd, /etc/group and /etc/nsswitch.conf for the user fbx (1001:1001); an
#            empty /tmp
#   volumes/ the empty /config and /data, which the Dockerfile copies owned by that user
# No CA certificates: native-image puts the trust store of the JDK that built the binary into
# the binary; a trust store file is read only when -Djavax.net.ssl.trustStore names one.
set -eu

binary=$1
dest=$2
uid=1001
gid=1001

[ -x "$binary" ] || { echo "image-root.sh: no native binary at $binary" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/root/etc" "$dest/root/tmp" "$dest/volumes/config" "$dest/volumes/data"
# Nothing writes to /tmp (the root is read-only), but Netty, under Vert.x, checks at start that
# java.io.tmpdir is a directory and warns on every run when it is not.
chmod 1777 "$dest/root/tmp"

# Each line of ldd names a library and where it was found ("libz.so.1 => /lib/.../libz.so.1 (0x…)")
# or the loader by its path ("/lib64/ld-linux-x86-64.so.2 (0x…)"); the kernel's vDSO has no file.
libraries=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
[ -n "$libraries" ] || { echo "image-root.sh: ldd found no libraries in $binary (a static binary needs none: fine)" >&2; }
for library in $libraries; do
    mkdir -p "$dest/root$(dirname "$library")"
    # -L: the file itself, not the symbolic link the system keeps under that name.
    cp -L "$library" "$dest/root$library"
done

# The home is /config, beside the token file: ~/.pgpass (sync --db) is /config/.pgpass.
cat > "$dest/root/etc/passwd" <<EOF
fbx:x:$uid:$gid:fbx:/config:/sbin/nologin
EOF
cat > "$dest/root/etc/group" <<EOF
fbx:x:$gid:
EOF
# Users and host names from the files above and the ones the engine mounts (/etc/hosts,
# /etc/resolv.conf); the C library's built-in lookups need no other module.
cat > "$dest/root/etc/nsswitch.conf" <<EOF
passwd: files
group:  files
hosts:  files dns
EOF

echo "image-root.sh: $dest/root: $(echo $libraries | wc -w) libraries, $(du -sk "$dest/root" | cut -f1) KB"
