#!/usr/bin/env python3
"""Makes samples/system-7024-iisadmin-derived.evtx from the real 7036 sample.

No real .evtx holding an IIS Admin 7024 was available, and authoring an .evtx from nothing
would test KeyWizard against its own idea of the format. So this takes a copy of the real
System log (sbousseaden/EVTX-ATTACK-SAMPLES, GPL-3.0) and edits its last record in place,
keeping every structure libevtx reads:
  - EventID 7036 -> 7024, Qualifiers 0x4000 -> 0xC000, Level 4 -> 2 (substitution values);
  - param1 "Windows Insider Service" (46 bytes) and param2 "stopped" (14 bytes) become
    "IIS Admin Service" (34) and "%%2148073478 " (26): the two sizes in the nested template's
    descriptors change, their sum and so the record size stay the same;
  - the record's time (header and TimeCreated) becomes 2020-09-23T17:05:00Z;
  - the chunk's event-records CRC32 and header CRC32 are recomputed.
Run: python3 make-iisadmin-7024.py (from this folder).
"""
import struct, zlib

SRC = "samples/system-7036-eventlog-service-crash.evtx"
DST = "samples/system-7024-iisadmin-derived.evtx"
d = bytearray(open(SRC, "rb").read())
chunk = 4096
off = chunk + 512
last = None
while d[off:off + 4] == b"\x2a\x2a\x00\x00":
    size, rid = struct.unpack_from("<IQ", d, off + 4)
    last, last_size = off, size
    off += size
rec = last
assert struct.unpack_from("<Q", d, rec + 8)[0] == 6
filetime = (1600880700 + 11644473600) * 10_000_000  # 2020-09-23T17:05:00Z
struct.pack_into("<Q", d, rec + 16, filetime)

# Outer template instance: 0f 01 01 00 | 0c 01 id(4) defoffset(4) | count(4) | descriptors | values
p = rec + 24
assert d[p:p + 4] == b"\x0f\x01\x01\x00" and d[p + 4] == 0x0C
p += 4 + 1 + 1 + 4 + 4
count = struct.unpack_from("<I", d, p)[0]
p += 4
desc = [struct.unpack_from("<HBB", d, p + 4 * i)[:2] for i in range(count)]
values = p + 4 * count
offsets = []
q = values
for size, typ in desc:
    offsets.append(q)
    q += size
# Find the UInt16 7036 followed by the UInt16 qualifiers 0x4000.
ids = [i for i, (size, typ) in enumerate(desc) if typ == 6 and struct.unpack_from("<H", d, offsets[i])[0] == 7036]
assert len(ids) == 1, ids
i = ids[0]
struct.pack_into("<H", d, offsets[i], 7024)
assert desc[i + 1][1] == 6 and struct.unpack_from("<H", d, offsets[i + 1])[0] == 0x4000
struct.pack_into("<H", d, offsets[i + 1], 0xC000)
levels = [j for j, (size, typ) in enumerate(desc) if typ == 4 and d[offsets[j]] == 4]
d[offsets[levels[0]]] = 2
times = [j for j, (size, typ) in enumerate(desc) if typ == 0x11]
struct.pack_into("<Q", d, offsets[times[0]], filetime)

# Nested EventData template (BinXml value, type 0x21).
nested = [j for j, (size, typ) in enumerate(desc) if typ == 0x21][0]
n = offsets[nested]
assert d[n:n + 4] == b"\x0f\x01\x01\x00" and d[n + 4] == 0x0C
n += 4 + 1 + 1 + 4 + 4
ncount = struct.unpack_from("<I", d, n)[0]
n += 4
ndesc = [struct.unpack_from("<HBB", d, n + 4 * k)[:2] for k in range(ncount)]
nvalues = n + 4 * ncount
assert ndesc[0] == (46, 1) and ndesc[1] == (14, 1), ndesc
p1 = "IIS Admin Service".encode("utf-16le")
p2 = "%%2148073478 ".encode("utf-16le")
assert len(p1) + len(p2) == 60
struct.pack_into("<H", d, n, len(p1))
struct.pack_into("<H", d, n + 4, len(p2))
d[nvalues:nvalues + 60] = p1 + p2

free = struct.unpack_from("<I", d, chunk + 48)[0]
struct.pack_into("<I", d, chunk + 52, zlib.crc32(bytes(d[chunk + 512:chunk + free])) & 0xFFFFFFFF)
header = bytes(d[chunk:chunk + 120]) + bytes(d[chunk + 128:chunk + 512])
struct.pack_into("<I", d, chunk + 124, zlib.crc32(header) & 0xFFFFFFFF)
open(DST, "wb").write(d)
print("wrote", DST)
