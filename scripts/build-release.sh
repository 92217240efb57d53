#!/usr/bin/env bash
# Cross-builds clientele's release from one Linux machine: a wheel per
# platform with maturin, linked by zig (scripts/release-tools.txt pins
# both), the sdist, and the bare binaries with their SHA-256 sums.
#
# Usage: scripts/build-release.sh OUT_DIR
# Writes, replacing what was there:
#   OUT_DIR/wheels/   one wheel per target, and the sdist
#   OUT_DIR/bin/      clientele-<target>[.exe], taken out of the wheels (the
#                     same bytes pip installs), and SHA256SUMS
# and prints, per wheel, its platform tag, its size and the header of its
# binary (checked against the target: a wrong format or architecture fails).
#
# Needs rustup with the targets below (added when missing) and Python 3;
# maturin and zig are installed from PyPI into target/release-tools/.
# A target that fails does not stop the others; the script exits 1 at the
# end if any failed. It is CPU-heavy: run it with `nice`.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

# Rust target, then maturin's --compatibility (the platform tag policy);
# "-" for none. glibc wheels target manylinux2014 (glibc 2.17), which zig
# links against without a manylinux container; musl wheels are static.
# Windows is x86_64-pc-windows-gnu: the MSVC target needs Microsoft's linker
# and the Windows SDK's import libraries, which are not on a Linux machine,
# while zig carries the MinGW-w64 libraries the gnu target links with. The
# release workflow builds the MSVC binary natively on Windows.
targets=(
  "x86_64-unknown-linux-gnu manylinux2014"
  "aarch64-unknown-linux-gnu manylinux2014"
  "x86_64-unknown-linux-musl musllinux_1_2"
  "aarch64-unknown-linux-musl musllinux_1_2"
  "x86_64-apple-darwin -"
  "aarch64-apple-darwin -"
  "x86_64-pc-windows-gnu -"
)

tools="$root/target/release-tools"
[ -x "$tools/bin/pip" ] || python3 -m venv "$tools"
"$tools/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/release-tools.txt"
export PATH="$tools/bin:$PATH"

installed=$(rustup target list --installed)
for entry in "${targets[@]}"; do
  target=${entry%% *}
  grep -qx "$target" <<< "$installed" || rustup target add "$target"
done

rm -rf "${out:?}/wheels" "${out:?}/bin"
mkdir -p "$out/wheels" "$out/bin"
cd "$root"

dist=$(sed -n 's/^name = "\(.*\)"$/\1/p' pyproject.toml | head -n 1)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
wheel_prefix=${dist//-/_}-$version

failed=()
summary=()

# Takes the binary out of WHEEL into DEST, checks its header against
# TARGET, and prints "format, architecture" (then `file`'s description when
# `file` is installed).
extract_and_check() {
  python3 - "$1" "$2" "$3" <<'PY'
import struct, sys, zipfile

wheel, target, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if ".data/scripts/clientele" in n]
    if len(names) != 1:
        sys.exit(f"{wheel}: expected one clientele binary in .data/scripts, found {names}")
    data = z.read(names[0])
with open(dest, "wb") as f:
    f.write(data)

if data[:4] == b"\x7fELF":
    machine = struct.unpack_from("<H", data, 18)[0]
    found = ("ELF", {62: "x86_64", 183: "aarch64"}.get(machine, f"machine {machine}"))
elif data[:4] == b"\xcf\xfa\xed\xfe":
    cputype = struct.unpack_from("<I", data, 4)[0]
    found = ("Mach-O", {0x01000007: "x86_64", 0x0100000C: "aarch64"}.get(cputype, f"cputype {cputype:#x}"))
elif data[:2] == b"MZ":
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        sys.exit(f"{wheel}: MZ header without a PE signature")
    machine = struct.unpack_from("<H", data, pe + 4)[0]
    found = ("PE", {0x8664: "x86_64", 0xAA64: "aarch64"}.get(machine, f"machine {machine:#x}"))
else:
    sys.exit(f"{wheel}: unknown binary format {data[:4]!r}")

arch = target.split("-")[0]
expected = ("PE" if "windows" in target else "Mach-O" if "apple" in target else "ELF", arch)
if found != expected:
    sys.exit(f"{wheel}: the binary is {found[0]} {found[1]}, expected {expected[0]} {expected[1]} for {target}")
print(f"{found[0]} {found[1]}")
PY
}

for entry in "${targets[@]}"; do
  target=${entry%% *}
  compat=${entry##* }
  args=(--release --locked --zig --target "$target" --out "$out/wheels/$target")
  [ "$compat" = "-" ] || args+=(--compatibility "$compat")
  echo "== $target: maturin build ${args[*]}"
  start=$(date +%s)
  if ! maturin build "${args[@]}"; then
    echo "== $target: FAILED (see above)" >&2
    failed+=("$target")
    continue
  fi
  seconds=$(($(date +%s) - start))
  wheels=("$out/wheels/$target/$wheel_prefix"-*.whl)
  if [ ${#wheels[@]} -ne 1 ] || [ ! -f "${wheels[0]}" ]; then
    echo "== $target: FAILED: expected one $wheel_prefix wheel, found: ${wheels[*]}" >&2
    failed+=("$target")
    continue
  fi
  wheel=${wheels[0]}
  mv "$wheel" "$out/wheels/"
  rmdir "$out/wheels/$target"
  wheel="$out/wheels/$(basename "$wheel")"
  case $target in
    *windows*) binary="$out/bin/clientele-$target.exe" ;;
    *) binary="$out/bin/clientele-$target" ;;
  esac
  if ! header=$(extract_and_check "$wheel" "$target" "$binary"); then
    failed+=("$target")
    continue
  fi
  chmod +x "$binary"
  tag=$(basename "$wheel" .whl)
  tag=${tag#"$wheel_prefix"-py3-none-}
  description=$(file -b "$binary" 2>/dev/null || echo "file(1) not installed")
  summary+=("$(printf '%-28s %-62s %6s KiB  %s  [%s]  %ss' "$target" "$tag" \
    "$(($(stat -c %s "$wheel") / 1024))" "$header" "$description" "$seconds")")
done

echo "== sdist"
if maturin sdist --out "$out/wheels"; then
  sdist=("$out/wheels/$wheel_prefix".tar.gz)
  summary+=("$(printf '%-28s %-62s %6s KiB' sdist "$(basename "${sdist[0]}")" \
    "$(($(stat -c %s "${sdist[0]}") / 1024))")")
else
  failed+=(sdist)
fi

binaries=("$out"/bin/clientele-*)
if [ -e "${binaries[0]}" ]; then
  (cd "$out/bin" && sha256sum -- clientele-* > SHA256SUMS)
else
  : > "$out/bin/SHA256SUMS"
fi

echo
echo "== release build of $dist $version"
printf '%-28s %-62s %10s  %s\n' target "platform tag" size "binary header [file] build time"
printf '%s\n' "${summary[@]}"
echo
echo "binaries and SHA256SUMS in $out/bin:"
cat "$out/bin/SHA256SUMS"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
