"""The file as a generic HDF5 reader (h5py) sees it: layout, shapes, scales, strings."""

import h5py
import numpy as np


def test_root_attributes_name_the_schema_and_the_seed(full_file):
    with h5py.File(full_file, "r") as f:
        assert f.attrs["schema"] == "regiesim-results"
        assert f.attrs["schema_version"] == 2
        assert f.attrs["master_seed"] == 20261122
        assert f.attrs["scenario_name"] == "default"
        assert "[partners.politie]" in f["manifest"].attrs["scenario_text"]
        assert "command_line" in f["provenance"].attrs


def test_series_are_run_by_step_with_labelled_axes(full_file):
    with h5py.File(full_file, "r") as f:
        realisation = f["series/realisation"]
        assert realisation.shape == (3, 61)
        assert realisation.dims[0][0].name == "/series/run"
        assert realisation.dims[1][0].name == "/series/step"
        assert list(f["series/step"][:3]) == [0, 1, 2]
        assert f["series/step"].attrs["units"] == "week"
        assert realisation.attrs["units"] == "1"
        assert realisation.compression == "gzip"
        values = realisation[...]
        assert np.all(np.diff(values, axis=1) >= 0), "realisation never decreases"
        np.testing.assert_array_equal(values[:, -1], f["summary/realisation"][...])


def test_agents_and_trust_carry_partner_names_in_utf8(full_file):
    with h5py.File(full_file, "r") as f:
        names = [n.decode() for n in f["partner"][...]]
        assert names[:2] == ["gemeente", "politie"]
        assert h5py.check_string_dtype(f["partner"].dtype).encoding == "utf-8"
        passion = f["agents/passion"]
        assert passion.shape == (3, len(f["agents/sample_step"]), 12)
        assert list(f["agents/sample_step"][...]) == [0, 10, 20, 30, 40, 50, 60]
        assert passion.dims[2][0].name == "/agents/partner"
        # The default's small world: every partner has network.neighbours = 4 ties, each directed
        # both ways.
        edges = f["trust/edges"][...]
        assert edges.shape == (12 * 4, 2)
        assert f["trust/values"].shape == (3, 7, 12 * 4)


def test_events_use_named_kinds(full_file):
    with h5py.File(full_file, "r") as f:
        kinds = h5py.check_enum_dtype(f["events/kind"].dtype)
        assert kinds["convene"] == 0 and kinds["exit"] == 1
        kind = f["events/kind"][...]
        source = f["events/source"][...]
        convenings = kind == kinds["convene"]
        # every 4 weeks over 60 weeks, in each of the 3 runs
        assert convenings.sum() == 3 * 15
        assert set(source[convenings]) == {-1}


def test_meetings_list_their_participants_through_offsets(full_file):
    with h5py.File(full_file, "r") as f:
        meetings = f["meetings"]
        modes = h5py.check_enum_dtype(meetings["mode"].dtype)
        assert set(modes) == {"plenary", "co_create", "negotiate"}
        size = meetings["size"][...]
        offset = meetings["participants_offset"][...]
        participants = meetings["participants"][...]
        assert offset[0] == 0 and np.all(offset[1:] == np.cumsum(size)[:-1])
        assert len(participants) == size.sum()
        first = participants[offset[0] : offset[0] + size[0]]
        assert list(first) == sorted(first), "participants in ascending id order"
