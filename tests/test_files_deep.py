"""A folder 1,100 levels deep (issue #20 item 13, "Folders"): os.walk raised RecursionError; the
walk in engine/files.py is iterative and stops at MAX_FOLDER_DEPTH with a note."""

from __future__ import annotations

import os

from scalescope.engine.files import MAX_FOLDER_DEPTH, folder_files


def test_a_folder_1100_levels_deep(tmp_path):
    root = os.fspath(tmp_path / "deep")
    path = root
    os.mkdir(path)
    try:
        for _ in range(1100):
            path = os.path.join(path, "d")
            os.mkdir(path)
        open(os.path.join(path, "x.eval"), "wb").close()
        shallow = os.path.join(root, "d", "y.eval")
        open(shallow, "wb").close()
        files, notes = folder_files(tmp_path / "deep", (".eval",))
        assert [os.fspath(f) for f in files] == [shallow]  # the one within reach; the deep one skipped
        assert any(f"{MAX_FOLDER_DEPTH} levels deep" in note for note in notes)
    finally:  # removed level by level: shutil.rmtree recurses once per level
        os.remove(os.path.join(path, "x.eval"))
        os.remove(os.path.join(root, "d", "y.eval"))
        while path != root:
            os.rmdir(path)
            path = os.path.dirname(path)
        os.rmdir(root)


def test_a_zip_announcing_3m_entries_is_refused_before_its_directory_is_read(tmp_path):
    """An .eval whose ZIP64 end record announces 3,000,000 entries: zipfile would read the whole
    central directory (3M entries: 15 s, 1.2 GiB); refused from the last 64 KiB instead. The same
    file with its true count (66,000 entries) still reads."""
    import io
    import json
    import struct
    import zipfile

    import pytest

    from scalescope.engine.errors import DataError
    from scalescope.engine.files import MAX_ZIP_ENTRIES, zip_member, zip_names

    from .hostile.make_corpus import inspect_header

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("header.json", json.dumps(inspect_header()))
        for i in range(66_000):  # past 65,535: zipfile writes a ZIP64 end record
            archive.writestr(f"s/{i}", b"")
    raw = bytearray(buffer.getvalue())
    good = tmp_path / "good.eval"
    good.write_bytes(raw)
    assert len(zip_names(good)) == 66_001
    at = raw.rfind(b"PK\x06\x06")
    struct.pack_into("<QQ", raw, at + 24, 3_000_000, 3_000_000)  # entries on this disk, entries in all
    lying = tmp_path / "lying.eval"
    lying.write_bytes(raw)
    for read in (zip_names, lambda p: zip_member(p, "header.json")):
        with pytest.raises(DataError, match=f"3,000,000 entries, more than {MAX_ZIP_ENTRIES:,}"):
            read(lying)
