#!/usr/bin/env python3
"""Makes zipped/ from plain/: the same GeoNames-format fixtures packed the ways users
download them, for the gazetteer builder's tests. Deterministic (fixed timestamps).

    IQ.zip                 IQ.txt (deflate) and GeoNames' readme.txt, as in GeoNames' country zips
    SY.zip                 SY.txt stored (no compression)
    cities500.zip          deflate, every size and offset in ZIP64 records (as an archive past
                           4 GB has them), written by hand below
    alternateNamesV2.zip   alternateNamesV2.txt and iso-languagecodes.txt, written as a stream
                           (sizes in data descriptors after the data, bit 3)
    hierarchy.zip          deflate
    admin2Codes.txt.gz     gzip
    admin1CodesASCII.txt, countryInfo.txt   plain, as GeoNames ships them

The place rows are real GeoNames rows (trimmed alternate names) except the ids at or above
90,000,000 and the deliberately bad lines, which test that a bad line is reported with its
file and line and skipped. Run: python3 make_archives.py
"""
import gzip
import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAIN, ZIPPED = HERE / "plain", HERE / "zipped"
STAMP = (2024, 1, 1, 0, 0, 0)


class Unseekable(io.RawIOBase):
    """A write-only stream zipfile cannot seek in, so it writes data descriptors."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += b
        return len(b)


def add(z, name, data, method):
    info = zipfile.ZipInfo(name, STAMP)
    info.compress_type = method
    with z.open(info, "w") as f:
        f.write(data)


def zip64_archive(name, data):
    """One deflated member whose sizes and offset all live in ZIP64 extra fields, with
    the ZIP64 end record and locator; the 32-bit fields hold 0xFFFFFFFF."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    crc, fname = zlib.crc32(data), name.encode()
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    local_extra = struct.pack("<HHQQ", 1, 16, len(data), len(packed))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, dos_time, dos_date, crc,
                        0xFFFFFFFF, 0xFFFFFFFF, len(fname), len(local_extra)) + fname + local_extra
    central_extra = struct.pack("<HHQQQ", 1, 24, len(data), len(packed), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, dos_time, dos_date, crc,
                          0xFFFFFFFF, 0xFFFFFFFF, len(fname), len(central_extra), 0, 0, 0, 0,
                          0xFFFFFFFF) + fname + central_extra
    cd_offset = len(local) + len(packed)
    eocd64_offset = cd_offset + len(central)
    eocd64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1, len(central), cd_offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, eocd64_offset, 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return local + packed + central + eocd64 + locator + eocd


def main():
    ZIPPED.mkdir(exist_ok=True)
    read = lambda name: (PLAIN / name).read_bytes()
    with zipfile.ZipFile(ZIPPED / "IQ.zip", "w") as z:
        add(z, "IQ.txt", read("IQ.txt"), zipfile.ZIP_DEFLATED)
        add(z, "readme.txt", b"The data in this archive is a test fixture.\n", zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(ZIPPED / "SY.zip", "w") as z:
        add(z, "SY.txt", read("SY.txt"), zipfile.ZIP_STORED)
    (ZIPPED / "cities500.zip").write_bytes(zip64_archive("cities500.txt", read("cities500.txt")))
    with zipfile.ZipFile(ZIPPED / "cities500.zip") as z:  # check it with another reader
        assert z.read("cities500.txt") == read("cities500.txt") and z.infolist()[0].header_offset == 0
    stream = Unseekable()
    with zipfile.ZipFile(stream, "w") as z:
        add(z, "iso-languagecodes.txt", b"ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n", zipfile.ZIP_DEFLATED)
        add(z, "alternateNamesV2.txt", read("alternateNamesV2.txt"), zipfile.ZIP_DEFLATED)
    (ZIPPED / "alternateNamesV2.zip").write_bytes(bytes(stream.data))
    with zipfile.ZipFile(ZIPPED / "hierarchy.zip", "w") as z:
        add(z, "hierarchy.txt", read("hierarchy.txt"), zipfile.ZIP_DEFLATED)
    with open(ZIPPED / "admin2Codes.txt.gz", "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(read("admin2Codes.txt"))
    for name in ("admin1CodesASCII.txt", "countryInfo.txt"):
        shutil.copyfile(PLAIN / name, ZIPPED / name)


if __name__ == "__main__":
    main()
