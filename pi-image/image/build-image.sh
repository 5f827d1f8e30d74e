#!/usr/bin/env bash
# Builds a bootable Raspberry Pi image (arm64: Pi 3, 4, Zero 2 W; Pi 5 needs a newer suite than
# bookworm, whose kernel predates it: --suite trixie) of Debian with Hearth, from Debian packages
# only. Slow (15 to 40 minutes under emulation), so
# CI does not run it; see pi-image/README.md.
#
#   sudo pi-image/image/build-image.sh [--deb FILE] [--out DIR] [--suite bookworm] [--mirror URL]
#
# How, and why this way:
# - debootstrap --arch=arm64 makes the root file system; on an x86-64 host its arm64 programs run
#   through qemu-user-static and binfmt_misc (checked below). It needs root for chroot and for
#   file ownership, but nothing is ever mounted: no loop device, no image partition mount.
# - The file systems are built from folders: mkfs.ext4 -d for the root, mtools for the FAT boot
#   partition; sfdisk writes the partition table into a plain file and dd places both into it.
# - Debian's raspi-firmware puts the Pi boot loader, the device trees, config.txt and cmdline.txt
#   in /boot/firmware, and copies Debian's linux-image-arm64 kernel and initrd there.
# - The hearth .deb goes in with dpkg; the box firewall is switched on, DHCP stays off (a second
#   DHCP server on a home network breaks it: the admin turns it on, see README).
#
# Outputs in --out (default pi-image/target/image):
#   hearth-pi-arm64.img   the SD card image (flash with Raspberry Pi Imager or dd)
#   root.ext4             the root file system alone, vmlinuz, initrd.img: for boot-test.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
deb=""
out="$module/target/image"
suite=bookworm
mirror=""
root_size=3G
firmware_mib=256

while [ $# -gt 0 ]; do
    case "$1" in
        --deb) deb=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --suite) suite=$2; shift 2 ;;
        --mirror) mirror=$2; shift 2 ;;
        --root-size) root_size=$2; shift 2 ;;
        *) sed -n '2,22p' "$0" >&2; exit 2 ;;
    esac
done

die() { echo "build-image: $*" >&2; exit 1; }
step() { echo "build-image: [$(date -u +%H:%M:%S)] $*"; }

[ "$(id -u)" = 0 ] || die "run as root (debootstrap and chroot need it; nothing is mounted)"
for tool in debootstrap mkfs.ext4 mkfs.vfat mcopy sfdisk; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install debootstrap e2fsprogs dosfstools mtools fdisk)"
done
if [ -z "$deb" ]; then
    deb=$(find "$module/target" -maxdepth 1 -name 'hearth_*_all.deb' 2>/dev/null | sort | tail -1)
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then die "no hearth .deb: build it first (mvn -B -DskipTests package) or pass --deb"; fi
if [ "$(uname -m)" != aarch64 ]; then
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || die "arm64 programs cannot run here: install qemu-user-static and binfmt-support (and mount binfmt_misc: mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc)"
fi
if [ -z "$mirror" ]; then
    # The build host's own Debian mirror, so the image comes from where the host's packages come.
    mirror=$(sed -n 's/^URIs: *\([^ ]*\/debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
    [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
    [ -n "$mirror" ] || die "no Debian mirror found in the host's apt sources: pass --mirror URL"
fi

rootfs="$out/rootfs"
mkdir -p "$out"
if [ -e "$rootfs" ]; then
    step "removing the previous $rootfs"
    rm -rf "$rootfs"
fi

# raspi-firmware's kernel hook writes /boot/firmware and reads its settings while the kernel
# package installs, so both exist before debootstrap runs.
mkdir -p "$rootfs/boot/firmware" "$rootfs/etc/default" "$rootfs/etc/initramfs-tools"
# Under emulation one initrd takes about 20 minutes, and the kernel's postinst and then
# initramfs-tools' trigger would each make one: "no" stops the trigger's update (-u), not the
# kernel's create (-c).
printf 'update_initramfs=no\nbackup_initramfs=no\n' > "$rootfs/etc/initramfs-tools/update-initramfs.conf"
cat > "$rootfs/etc/default/raspi-firmware" <<'CONF'
# Root file system by label: the same image boots from an SD card or a USB disk.
ROOTPART=LABEL=RASPIROOT
# Serial console (GPIO 14/15) and the screen, so first boot shows the admin address on both.
CONSOLES="ttyS1,115200 tty0"
CONF

packages=(
    # boot and base system
    systemd-sysv udev kmod dbus initramfs-tools linux-image-arm64 raspi-firmware
    # Wi-Fi and Bluetooth firmware of the Pi 3, 4, 5 and Zero 2 W
    firmware-brcm80211
    # network: systemd-networkd (in systemd), nftables, dnsmasq as DHCP server only
    iproute2 nftables dnsmasq-base
    # TLS list downloads need CA certificates and the right time (a Pi has no clock battery)
    ca-certificates systemd-timesyncd
    # Hearth's own dependencies, so dpkg -i of the .deb finds them
    openjdk-17-jre-headless adduser
)
step "debootstrap $suite arm64 from $mirror (this is the slow part)"
debootstrap --arch=arm64 --variant=minbase --components=main,non-free-firmware \
    --include="$(IFS=,; echo "${packages[*]}")" "$suite" "$rootfs" "$mirror"

printf 'update_initramfs=yes\nbackup_initramfs=no\n' > "$rootfs/etc/initramfs-tools/update-initramfs.conf"
if ! find "$rootfs/boot" -maxdepth 1 -name 'initrd.img-*' | grep -q .; then
    step "making the initrd (slow under emulation); raspi-firmware copies it to /boot/firmware"
    chroot "$rootfs" update-initramfs -c -k all
fi

step "installing $(basename "$deb")"
cp "$deb" "$rootfs/tmp/hearth.deb"
chroot "$rootfs" dpkg -i /tmp/hearth.deb
rm -f "$rootfs/tmp/hearth.deb"

step "configuring the box"
echo hearth > "$rootfs/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\thearth\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
cat > "$rootfs/etc/fstab" <<'FSTAB'
LABEL=RASPIROOT /              ext4 rw,noatime,errors=remount-ro 0 1
# nofail: a damaged boot partition must not keep the box from answering DNS.
LABEL=RASPIFIRM /boot/firmware vfat rw,noatime,umask=0077,nofail,x-systemd.device-timeout=10s 0 2
FSTAB
# Wired and Wi-Fi interfaces ask the home router for an address (DHCP). An admin who turns on
# Hearth's DHCP gives the box a fixed address instead (README: "Hearth as the DHCP server").
mkdir -p "$rootfs/etc/systemd/network"
cat > "$rootfs/etc/systemd/network/80-hearth-wired.network" <<'NET'
[Match]
Name=e*

[Network]
DHCP=yes
# The box's own lookups go to Hearth, never to the DNS the router hands out.
UseDNS=no
NET
# The box itself asks Hearth only: a second, hard-coded resolver here would send the box's own
# lookups past the upstreams the admin chose in hearth.yml. Nothing Hearth needs to start looks a
# name up (its config holds addresses), so the box waits for it a moment at boot instead.
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:5\n' > "$rootfs/etc/resolv.conf"
chroot "$rootfs" systemctl enable systemd-networkd.service systemd-timesyncd.service
# The Pi's one wired port is its LAN (named eth0, or end0 by newer kernels: both listed, as the
# networkd match e* above); Hearth's DNS and pages stay closed on any other interface.
HEARTH_ROOT="$rootfs" "$rootfs/usr/sbin/hearth-box-setup" firewall on eth0 end0
# First boot names the box and prints the admin address; it removes this marker when done.
: > "$rootfs/etc/hearth/firstboot"
# No password login: the box is run from its web page. Recovery is by SD card (README).
chroot "$rootfs" passwd -l root >/dev/null
chroot "$rootfs" apt-get clean
rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/debconf/"*-old

[ -f "$rootfs/boot/firmware/config.txt" ] || die "raspi-firmware did not fill /boot/firmware"
kernel=$(find "$rootfs/boot" -maxdepth 1 -name 'vmlinuz-*' | sort -V | tail -1)
initrd=$(find "$rootfs/boot" -maxdepth 1 -name 'initrd.img-*' | sort -V | tail -1)
if [ -z "$kernel" ] || [ -z "$initrd" ]; then die "no kernel or initrd in $rootfs/boot"; fi
cp "$kernel" "$out/vmlinuz"
cp "$initrd" "$out/initrd.img"

step "building the FAT boot partition with mtools"
rm -f "$out/firmware.vfat"
mkfs.vfat -n RASPIFIRM -C "$out/firmware.vfat" $((firmware_mib * 1024)) >/dev/null
mcopy -s -i "$out/firmware.vfat" "$rootfs/boot/firmware/"* ::/

step "building the ext4 root with mkfs.ext4 -d"
# The boot partition is mounted over /boot/firmware on the box: its files stay out of the root.
moved="$out/firmware-files"
rm -rf "$moved"
mv "$rootfs/boot/firmware" "$moved"
mkdir "$rootfs/boot/firmware"
rm -f "$out/root.ext4"
mkfs.ext4 -q -L RASPIROOT -d "$rootfs" "$out/root.ext4" "$root_size"
rmdir "$rootfs/boot/firmware"
mv "$moved" "$rootfs/boot/firmware"

step "assembling the disk image"
img="$out/hearth-pi-arm64.img"
root_bytes=$(stat -c %s "$out/root.ext4")
first_mib=4
root_start_mib=$((first_mib + firmware_mib))
rm -f "$img"
truncate -s $(((root_start_mib * 1024 * 1024) + root_bytes)) "$img"
# MBR (the Pi boot ROM reads the first FAT partition of an MBR disk): FAT32 LBA, then Linux.
sfdisk --quiet "$img" <<TABLE
label: dos
start=${first_mib}MiB, size=${firmware_mib}MiB, type=c, bootable
start=${root_start_mib}MiB, type=83
TABLE
dd if="$out/firmware.vfat" of="$img" bs=1M seek="$first_mib" conv=notrunc,sparse status=none
dd if="$out/root.ext4" of="$img" bs=1M seek="$root_start_mib" conv=notrunc,sparse status=none
rm -f "$out/firmware.vfat"
step "done: $img ($(du -h --apparent-size "$img" | cut -f1)); boot test: $here/boot-test.sh --out $out"
