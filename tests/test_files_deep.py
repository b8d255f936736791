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
