"""Mutations of sample inputs for fuzz_samples.py.

Each mutator takes (data: bytes, rng: random.Random) and returns new bytes. Which mutators apply
depends on the container, found from the bytes and not from the extension:

  zip   (.xlsx, .xlsm, and any OOXML package): XML entries edited and re-zipped, so the CRCs are
        right and the damage reaches the XML parser and the normaliser, not only the ZIP reader
  cfb   (.xls: an OLE compound file): BIFF records of the Workbook/Book stream edited in place,
        lengths, counts, rows, columns, indexes, offsets and types, so the damage reaches the
        record layer behind an intact container
  text  (.csv, .tsv, .txt): lines, fields and numbers
  any:  byte flips, truncation, duplicated or removed byte runs
"""

import io
import random
import re
import zipfile

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, encrypted .xlsx

HUGE_NUMBERS = [b"1E19", b"-1E19", b"9.3E18", b"1E308", b"-1E308", b"1E400", b"NaN", b"INF",
                b"99999999999999999999999", b"-0", b"4.9E-324", b"2958466", b"-1",
                b"123456789012345678901234567890.5"]
HUGE_REFS = [b"A99999999999999999999", b"ZZZZZZZZ1", b"XFE1", b"A1048577", b"A0", b"$A$1",
             b"", b"1A", b"AAAA1"]


def container(data: bytes) -> str:
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(CFB_MAGIC):
        return "cfb"
    return "text"


# ---- byte level: any file -----------------------------------------------------------------

def flip_bytes(data, rng):
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data, rng):
    return data[: rng.randrange(max(1, len(data)))]


def duplicate_run(data, rng):
    if len(data) < 2:
        return data * 2
    start = rng.randrange(len(data))
    run = data[start: start + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + run * rng.randint(1, 50) + data[at:]


def remove_run(data, rng):
    if len(data) < 2:
        return b""
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096):]


BYTE_MUTATORS = [flip_bytes, truncate, duplicate_run, remove_run]


# ---- zip packages: XML entries edited, then re-zipped --------------------------------------

def read_zip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info.filename)) for info in archive.infolist()]


def write_zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, body in entries:
            archive.writestr(info.filename, body)
    return out.getvalue()


def xml_entries(entries, pattern=rb"\.(xml|rels)$"):
    return [i for i, (info, _) in enumerate(entries) if re.search(pattern, info.filename.encode())]


def sheet_entries(entries):
    return xml_entries(entries, rb"worksheets/sheet\d*\.xml$") or xml_entries(entries)


ELEMENT = re.compile(rb"<([A-Za-z][\w:]*)\b[^<>]*?(?:/>|>[^<]*</\1>)")


def duplicate_element(xml, rng):
    found = list(ELEMENT.finditer(xml))
    if not found:
        return xml
    match = rng.choice(found)
    copies = rng.choice([1, 2, 10, 1000])
    return xml[: match.end()] + match.group(0) * copies + xml[match.end():]


def remove_element(xml, rng):
    found = list(ELEMENT.finditer(xml))
    if not found:
        return xml
    match = rng.choice(found)
    return xml[: match.start()] + xml[match.end():]


def huge_values(xml, rng):
    values = list(re.finditer(rb"<v>[^<]*</v>", xml))
    if not values:
        return xml
    for match in rng.sample(values, min(len(values), rng.randint(1, 20))):
        xml = xml.replace(match.group(0), b"<v>" + rng.choice(HUGE_NUMBERS) + b"</v>", 1)
    return xml


def huge_references(xml, rng):
    refs = list(re.finditer(rb'\b(r|ref)="([^"]*)"', xml))
    if not refs:
        return xml
    match = rng.choice(refs)
    replacement = rng.choice(HUGE_REFS + [b"99999999999", b"1048577", b"A1:ZZZZ99999999"])
    return xml[: match.start(2)] + replacement + xml[match.end(2):]


def huge_merges(xml, rng):
    count = rng.choice([1000, 5000, 10000])
    cells = []
    for index in range(count):
        row = 1 + index % 200
        height, width = rng.choice([(100, 100), (1, 10000), (10000, 1), (2, 2), (1048576, 16384)])
        cells.append(b'<mergeCell ref="%s%d:%s%d"/>' % (column_name(1 + index % 50), row,
                                                         column_name(min(16384, index % 50 + width)), min(1048576, row + height - 1)))
    block = b'<mergeCells count="%d">' % count + b"".join(cells) + b"</mergeCells>"
    xml = re.sub(rb"<mergeCells\b.*?</mergeCells>", b"", xml, flags=re.S)
    if b"</sheetData>" in xml:
        return xml.replace(b"</sheetData>", b"</sheetData>" + block, 1)
    return xml


def deep_nesting(xml, rng):
    depth = rng.choice([1000, 10000, 100000])
    nest = b"<x>" * depth + b"</x>" * depth
    at = xml.find(b"<sheetData>")
    at = at + len(b"<sheetData>") if at >= 0 else max(0, xml.find(b">", xml.find(b"<", 2)) + 1)
    return xml[:at] + nest + xml[at:]


def long_strings(xml, rng):
    size = rng.choice([100_000, 1_000_000, 3_000_000])
    text = (rng.choice(["学校名称", "在校学生数", "A", "1,234", "其中：女"]) * size)[:size].encode()
    targets = list(re.finditer(rb"<t(?: [^>]*)?>[^<]*</t>", xml)) or list(re.finditer(rb"<v>[^<]*</v>", xml))
    if not targets:
        return xml
    match = rng.choice(targets)
    element = match.group(0)
    opening, closing = element[: element.index(b">") + 1], element[-4:]  # </t> or </v>
    return xml[: match.start()] + opening + text + closing + xml[match.end():]


def flip_xml_bytes(xml, rng):
    return flip_bytes(xml, rng)


XML_MUTATORS = [duplicate_element, remove_element, huge_values, huge_references, deep_nesting, long_strings,
                flip_xml_bytes]


def column_name(number):
    name = b""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        name = bytes([65 + remainder]) + name
    return name


def edit_one_entry(data, rng, pool, edit):
    """`edit` applied to one entry of `pool(entries)` chosen at random, re-zipped; None when the
    pool is empty."""
    entries = read_zip(data)
    indices = pool(entries)
    if not indices:
        return None
    index = rng.choice(indices)
    info, body = entries[index]
    entries[index] = (info, edit(body))
    return write_zip(entries)


def mutate_zip_entry(data, rng):
    """One XML mutation in one entry (a worksheet most of the time), re-zipped."""
    pool = sheet_entries if rng.random() < 0.7 else xml_entries
    edited = edit_one_entry(data, rng, pool, lambda body: rng.choice(XML_MUTATORS)(body, rng))
    return edited if edited is not None else flip_bytes(data, rng)


def zip_huge_merges(data, rng):
    edited = edit_one_entry(data, rng, sheet_entries, lambda body: huge_merges(body, rng))
    return edited if edited is not None else data


def zip_dates_out_of_range(data, rng):
    """Every style a date (numFmtId 14), every number huge: Excel shows ####, readers must not trap."""
    entries = read_zip(data)
    for position, (info, body) in enumerate(entries):
        if info.filename.endswith("styles.xml"):
            body = re.sub(rb'(<xf\b[^>]*?)numFmtId="\d+"', rb'\1numFmtId="14"', body)
        elif re.search(r"worksheets/sheet\d*\.xml$", info.filename):
            body = huge_values(body, rng)
        entries[position] = (info, body)
    return write_zip(entries)


def zip_drop_entry(data, rng):
    entries = read_zip(data)
    if len(entries) > 1:
        del entries[rng.randrange(len(entries))]
    return write_zip(entries)


ZIP_MUTATORS = [mutate_zip_entry, mutate_zip_entry, mutate_zip_entry, zip_huge_merges, zip_dates_out_of_range,
                zip_drop_entry]


# ---- compound files (.xls): BIFF records edited in place ---------------------------------

import struct  # noqa: E402

U16_EXTREMES = [0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x1FFF, 0x2020, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF]
U32_EXTREMES = [0, 1, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF]
CELL_TYPES = [0x0006, 0x00BD, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x0207, 0x027E]


def cfb_workbook_stream(data):
    """The file offsets, in stream order, of the Workbook (or Book) stream's bytes: a list of
    (offset, length) runs. Small streams live in the mini stream. Raises ValueError when the file
    is not a compound file this simple walk understands."""
    if len(data) < 512 or not data.startswith(CFB_MAGIC):
        raise ValueError("not a compound file")
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    directory_start, = struct.unpack_from("<I", data, 0x30)
    cutoff, mini_fat_start = struct.unpack_from("<II", data, 0x38)
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]

    def offset(number):
        return (number + 1) * sector

    fat = []
    for number in fat_sectors:
        fat += struct.unpack_from("<%dI" % (sector // 4), data, offset(number))

    def chain(start):
        seen, out = set(), []
        while start < len(fat) and start not in seen and offset(start) + sector <= len(data):
            seen.add(start)
            out.append(start)
            start = fat[start]
        return out

    entries = []
    for number in chain(directory_start):
        for at in range(offset(number), offset(number) + sector, 128):
            size = struct.unpack_from("<H", data, at + 64)[0]
            name = data[at: at + max(0, size - 2)].decode("utf-16-le", "replace")
            kind, start, length = data[at + 66], *struct.unpack_from("<II", data, at + 116)
            entries.append((name, kind, start, length))
    streams = {name.lower(): (start, length) for name, kind, start, length in entries if kind == 2}
    start, length = streams.get("workbook") or streams.get("book") or (None, 0)
    if start is None:
        raise ValueError("no workbook stream")
    if length >= cutoff:
        runs = [(offset(number), sector) for number in chain(start)]
    else:
        root_runs = [(offset(number), sector) for number in chain(entries[0][2])]
        mini_fat = []
        for number in chain(mini_fat_start):
            mini_fat += struct.unpack_from("<%dI" % (sector // 4), data, offset(number))
        runs, seen, current = [], set(), start
        while current < len(mini_fat) and current not in seen:
            seen.add(current)
            at = current * mini
            run = root_runs[at // sector] if at // sector < len(root_runs) else None
            if run is None:
                break
            runs.append((run[0] + at % sector, mini))
            current = mini_fat[current]
    out, left = [], length
    for at, size in runs:
        if left <= 0:
            break
        out.append((at, min(size, left)))
        left -= size
    return out


def edit_biff(data, rng, edit):
    """`edit(stream, records, rng)` on the workbook stream's bytes, written back in place (same
    length), so the container stays intact."""
    runs = cfb_workbook_stream(data)
    stream = bytearray(b"".join(data[at: at + size] for at, size in runs))
    records, at = [], 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        records.append((kind, at, length))
        at += 4 + length
    if not records:
        raise ValueError("no records")
    edit(stream, records, rng)
    out, position = bytearray(data), 0
    for at, size in runs:
        out[at: at + size] = stream[position: position + size]
        position += size
    return bytes(out)


def biff_record_length(data, rng):
    def edit(stream, records, rng):
        kind, at, length = rng.choice(records)
        struct.pack_into("<H", stream, at + 2, rng.choice(U16_EXTREMES + [max(0, length - 1), length + 1]))
    return edit_biff(data, rng, edit)


def biff_cell_fields(data, rng):
    def edit(stream, records, rng):
        cells = [r for r in records if r[0] in CELL_TYPES and r[2] >= 6] or records
        for _ in range(rng.randint(1, 8)):
            kind, at, length = rng.choice(cells)
            field = rng.choice([0, 2, 4]) if length >= 6 else 0
            struct.pack_into("<H", stream, at + 4 + min(field, max(0, length - 2)), rng.choice(U16_EXTREMES))
    return edit_biff(data, rng, edit)


def biff_counts_and_indexes(data, rng):
    """SST counts and LABELSST indexes, MERGEDCELLS counts, BOUNDSHEET offsets: the fields that size tables."""
    def edit(stream, records, rng):
        targets = [r for r in records if r[0] in (0x00FC, 0x00FD, 0x00E5, 0x0085)] or records
        kind, at, length = rng.choice(targets)
        body = at + 4
        if kind == 0x00FC and length >= 8:
            struct.pack_into("<II", stream, body, rng.choice(U32_EXTREMES), rng.choice(U32_EXTREMES))
        elif kind == 0x00FD and length >= 10:
            struct.pack_into("<I", stream, body + 6, rng.choice(U32_EXTREMES))
        elif kind == 0x00E5 and length >= 2:
            struct.pack_into("<H", stream, body, rng.choice(U16_EXTREMES))
        elif kind == 0x0085 and length >= 4:
            struct.pack_into("<I", stream, body, rng.choice(U32_EXTREMES + [rng.randrange(len(stream) + 8)]))
        elif length >= 2:
            struct.pack_into("<H", stream, body, rng.choice(U16_EXTREMES))
    return edit_biff(data, rng, edit)


def biff_string_flags(data, rng):
    """Character counts and width flags of strings (SST, LABEL, BOUNDSHEET, FORMAT, STRING)."""
    def edit(stream, records, rng):
        targets = [r for r in records if r[0] in (0x00FC, 0x003C, 0x0204, 0x0085, 0x041E, 0x0207)] or records
        for _ in range(rng.randint(1, 6)):
            kind, at, length = rng.choice(targets)
            if length:
                stream[at + 4 + rng.randrange(length)] = rng.choice([0x00, 0x01, 0x04, 0x05, 0x08, 0x09, 0x0C, 0x0D, 0xFF])
    return edit_biff(data, rng, edit)


def biff_record_types(data, rng):
    """A record retyped (a NUMBER read as a FORMULA, a BOF or EOF added or lost), or swapped with another's type."""
    def edit(stream, records, rng):
        for _ in range(rng.randint(1, 4)):
            kind, at, length = rng.choice(records)
            struct.pack_into("<H", stream, at, rng.choice(CELL_TYPES + [0x0809, 0x000A, 0x003C, 0x00FC, 0x00E5, 0x002F, 0x0000]))
    return edit_biff(data, rng, edit)


CFB_MUTATORS = [biff_record_length, biff_cell_fields, biff_counts_and_indexes, biff_string_flags, biff_record_types]


# ---- text (CSV) ----------------------------------------------------------------------------

def text_long_field(data, rng):
    size = rng.choice([100_000, 1_000_000, 3_000_000])
    word = rng.choice(["学校名称", "在校学生数", "x", "9"]).encode(rng.choice(["utf-8", "gb18030"]))
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    lines[at] = (word * (size // len(word) + 1))[:size] + b"," + lines[at]
    return b"\n".join(lines)


def text_huge_numbers(data, rng):
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(len(lines))
        fields = lines[at].split(b",")
        fields[rng.randrange(len(fields))] = rng.choice(HUGE_NUMBERS + [b"1" * 400, b"1,234" * 1000])
        lines[at] = b",".join(fields)
    return b"\n".join(lines)


def text_many_columns(data, rng):
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    lines[at] = lines[at] + b"," * rng.choice([1000, 20000, 100000])
    return b"\n".join(lines)


def text_quotes(data, rng):
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        out.insert(rng.randrange(len(out) + 1), ord('"'))
    return bytes(out)


def text_many_rows(data, rng):
    lines = data.split(b"\n")
    line = rng.choice(lines)
    return data + (b"\n" + line) * rng.choice([1000, 50000])


TEXT_MUTATORS = [text_long_field, text_huge_numbers, text_many_columns, text_quotes, text_many_rows]


def mutate(data: bytes, rng: random.Random):
    """One mutant: (name of the mutation, bytes)."""
    kind = container(data)
    pool = list(BYTE_MUTATORS)
    if kind == "zip":
        pool += ZIP_MUTATORS * 2
    elif kind == "cfb":
        pool += CFB_MUTATORS * 2
    elif kind == "text":
        pool += TEXT_MUTATORS * 2
    mutator = rng.choice(pool)
    try:
        return mutator.__name__, mutator(data, rng)
    except (zipfile.BadZipFile, ValueError, IndexError, KeyError, struct.error) as error:
        # The original is not what its magic promised (or a mutator found nothing to edit).
        return "flip_bytes(after %s: %s)" % (mutator.__name__, type(error).__name__), flip_bytes(data, rng)
