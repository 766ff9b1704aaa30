#!/usr/bin/env python3
"""Writes the registry hive files of the shipped playbook cases:

    Playbooks/tests/aspnet-autogen-keys/evidence/hives/<name>

`keywizard test` gives them to the steps that take the hive kinds (software-hive, user-hive),
as `keywizard diagnose` does with hives copied off a server.

Why a hive writer here instead of copies of real hives: the real sample hives (regipy's
NTUSER.DAT and SYSTEM, see Tests/WindowsArtifactsTests/Fixtures/README.md) are 0.8-9 MB, keep
the deleted data of someone else's machine in their free cells, and would ship in the
release tarball with the playbooks. These files are written byte by byte from the regf
format (base block, one hbin, nk/sk/lf/vk cells; as libhivex and Windows read it), hold only
what this script puts in them, and are a few KB each. Deterministic: running the script
again produces the same bytes. The key material is obviously fake (0BADC0DE..., as in
make-playbook-evidence.py).

Run from anywhere: python3 Tools/make-hive-evidence.py
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Playbooks", "tests", "aspnet-autogen-keys",
                   "evidence", "hives")

# 2024-05-14 08:00:00 UTC as a FILETIME, the "last written" time of every key and of the file.
WRITTEN = 133_601_472_000_000_000

REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_QWORD = 1, 2, 3, 4, 11


def utf16z(text):
    return (text + "\0").encode("utf-16-le")


class Key:
    def __init__(self, name):
        self.name = name
        self.children = {}
        self.values = []  # (name, type, bytes)

    def child(self, path):
        key = self
        for part in path.split("\\"):
            key = key.children.setdefault(part.upper(), Key(part))
        return key

    def set(self, name, kind, data):
        self.values.append((name, kind, data))
        return self


class Writer:
    """Cells appended to one hbin; offsets are relative to the first hbin, as in the format."""

    def __init__(self):
        self.data = bytearray(b"\0" * 0x20)  # hbin header, filled in at the end

    def cell(self, payload):
        size = (len(payload) + 4 + 7) & ~7
        offset = len(self.data)
        self.data += struct.pack("<i", -size) + payload + b"\0" * (size - 4 - len(payload))
        return offset

    def reserve(self, length):
        """A cell written later (its content needs offsets not known yet)."""
        offset = self.cell(b"\0" * length)
        return offset

    def fill(self, offset, payload):
        self.data[offset + 4:offset + 4 + len(payload)] = payload


def nk(name, flags, parent, sk, subkeys, subkey_list, values, value_list, max_name, max_value_name, max_data):
    raw = name.encode("ascii")
    return (b"nk" + struct.pack("<H", flags) + struct.pack("<Q", WRITTEN) + struct.pack("<I", 0)
            + struct.pack("<I", parent) + struct.pack("<II", subkeys, 0) + struct.pack("<II", subkey_list, 0xFFFFFFFF)
            + struct.pack("<II", values, value_list) + struct.pack("<II", sk, 0xFFFFFFFF)
            + struct.pack("<IIIII", max_name * 2, 0, max_value_name * 2, max_data, 0)
            + struct.pack("<HH", len(raw), 0) + raw)


def write_key(w, key, parent, sk, root=False):
    children = sorted(key.children.values(), key=lambda k: k.name.upper())
    max_name = max((len(c.name) for c in children), default=0)
    max_value_name = max((len(v[0]) for v in key.values), default=0)
    max_data = max((len(v[2]) for v in key.values), default=0)
    head = nk(key.name, 0x2C if root else 0x20, parent, sk, 0, 0, 0, 0, 0, 0, 0)
    me = w.reserve(len(head))
    child_offsets = [write_key(w, c, me, sk) for c in children]
    subkey_list = 0xFFFFFFFF
    if children:
        entries = b"".join(struct.pack("<I", o) + c.name.encode("ascii")[:4].ljust(4, b"\0")
                           for o, c in zip(child_offsets, children))
        subkey_list = w.cell(b"lf" + struct.pack("<H", len(children)) + entries)
    value_list = 0xFFFFFFFF
    if key.values:
        vks = []
        for name, kind, data in key.values:
            raw = name.encode("ascii")
            if len(data) <= 4:
                size, where = len(data) | 0x80000000, struct.unpack("<I", data.ljust(4, b"\0"))[0]
            else:
                size, where = len(data), w.cell(data)
            vks.append(w.cell(b"vk" + struct.pack("<HIIIHH", len(raw), size, where, kind, 1, 0) + raw))
        value_list = w.cell(b"".join(struct.pack("<I", o) for o in vks))
    w.fill(me, nk(key.name, 0x2C if root else 0x20, parent, sk, len(children), subkey_list, len(key.values),
                  value_list, max_name, max_value_name, max_data))
    return me


def hive(root, file_name):
    w = Writer()
    # A security descriptor (self-relative, NULL DACL) shared by every key, as keys need one.
    descriptor = struct.pack("<BBHIIII", 1, 0, 0x8004, 0, 0, 0, 0)
    sk = len(w.data)
    w.cell(b"sk" + struct.pack("<HIIII", 0, sk, sk, 1, len(descriptor)) + descriptor)
    root_offset = write_key(w, root, 0xFFFFFFFF, sk, root=True)
    # Count the keys sharing the descriptor.
    keys = 0
    stack = [root]
    while stack:
        k = stack.pop()
        keys += 1
        stack += k.children.values()
    w.data[sk + 4 + 12:sk + 4 + 16] = struct.pack("<I", keys)
    size = (len(w.data) + 4095) // 4096 * 4096
    if size - len(w.data) >= 8:
        w.data += struct.pack("<i", size - len(w.data))  # the rest of the bin: one free cell
    w.data += b"\0" * (size - len(w.data))
    w.data[0:0x20] = b"hbin" + struct.pack("<II", 0, size) + b"\0" * 8 + struct.pack("<Q", WRITTEN) + b"\0" * 4
    base = bytearray(4096)
    base[0:4] = b"regf"
    struct.pack_into("<IIQIIIIIII", base, 4, 1, 1, WRITTEN, 1, 5, 0, 1, root_offset, size, 1)
    name = file_name.encode("utf-16-le")[:64]
    base[0x30:0x30 + len(name)] = name
    checksum = 0
    for i in range(0, 0x1FC, 4):
        checksum ^= struct.unpack_from("<I", base, i)[0]
    checksum = {0: 1, 0xFFFFFFFF: 0xFFFFFFFE}.get(checksum, checksum)
    struct.pack_into("<I", base, 0x1FC, checksum)
    return bytes(base) + bytes(w.data)


def save(name, data):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


AUTOGEN = bytes.fromhex("0BADC0DE" * 256)   # 1024-byte AutoGenKeyV4 blob (fake)
OTHER = bytes.fromhex("DEADBEEF" * 256)     # another pool's (fake)
SHOP = "S-1-5-82-3521694234-755059382-4038971400-676492-3051792751"       # IIS APPPOOL\ShopPool
DEFAULT = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"  # IIS APPPOOL\DefaultAppPool
SVC_SHOP = "S-1-5-21-1004336348-1177238915-682003330-1108"               # CONTOSO\svc-shop (the cases' SID)


def autogen(key, blob, created):
    key.set("AutoGenKeyV4", REG_BINARY, blob)
    key.set("AutoGenKeyCreationTime", REG_QWORD, struct.pack("<Q", created))
    key.set("AutoGenKeyFormat", REG_DWORD, struct.pack("<I", 1))


# SOFTWARE: MachineGuid, ProfileList (LocalSystem, NetworkService, CONTOSO\svc-shop), and
# AutoGenKeys of DefaultAppPool (listed first) and ShopPool under 4.0.30319.0.
software = Key("CMI-CreateHive{199DAFC2-6F16-4946-BF90-5A3FC3A60902}")
software.child("Microsoft\\Cryptography").set("MachineGuid", REG_SZ, utf16z("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"))
autogen(software.child(f"Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\{DEFAULT}"), OTHER, 133_700_000_000_000_000)
autogen(software.child(f"Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\{SHOP}"), AUTOGEN, 133_500_000_000_000_000)
for sid, path in [("S-1-5-18", "%systemroot%\\system32\\config\\systemprofile"),
                  ("S-1-5-20", "%systemroot%\\ServiceProfiles\\NetworkService"),
                  (SVC_SHOP, "C:\\Users\\svc-shop")]:
    software.child(f"Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\{sid}").set(
        "ProfileImagePath", REG_EXPAND_SZ, utf16z(path))
save("SOFTWARE", hive(software, "\\SystemRoot\\System32\\Config\\SOFTWARE"))

# CONTOSO\svc-shop's NTUSER.DAT without any ASP.NET key (the profile was loaded, ASP.NET
# never stored a key in it), and the same with an AutoGenKeyV4.
for name, with_key in [("NTUSER-svc-shop-no-key.DAT", False), ("NTUSER-svc-shop.DAT", True)]:
    user = Key("CMI-CreateHive{D43B12B8-09B5-40DB-B4F6-F6DFEB78DAEC}")
    user.child("Control Panel\\Desktop").set("Wallpaper", REG_SZ, utf16z(""))
    user.child("Environment").set("TEMP", REG_EXPAND_SZ, utf16z("%USERPROFILE%\\AppData\\Local\\Temp"))
    user.child("Software\\Microsoft\\Windows\\CurrentVersion")
    if with_key:
        autogen(user.child("Software\\Microsoft\\ASP.NET\\4.0.30319.0"), AUTOGEN, 133_400_000_000_000_000)
    save(name, hive(user, "\\??\\C:\\Users\\svc-shop\\ntuser.dat"))
