"""Every data group opens in xarray through h5netcdf with no regiesim code (design decision 1): named
dimensions, coordinates (run ids, weeks, partner names) and units and descriptions as attributes."""

import numpy as np
import xarray as xr  # Debian's python3-xarray and python3-h5netcdf, from scripts/setup.sh


def open_group(path, group):
    return xr.open_dataset(path, engine="h5netcdf", group=group)


def test_series_have_run_and_week_coordinates_and_units(full_file):
    with open_group(full_file, "series") as ds:
        assert ds["realisation"].dims == ("run", "step")
        assert list(ds["run"].values) == [0, 1, 2]
        assert list(ds["step"].values[:3]) == [0, 1, 2]
        assert ds["step"].attrs["units"] == "week"
        assert ds["realisation"].attrs["units"] == "1"
        assert "realised" in ds["realisation"].attrs["description"]
        final = ds["realisation"].sel(step=60).values
    with open_group(full_file, "summary") as summary:
        np.testing.assert_array_equal(final, summary["realisation"].values)


def test_agents_are_labelled_by_partner_name_and_sample_week(full_file):
    with open_group(full_file, "agents") as ds:
        assert ds["passion"].dims == ("run", "sample_step", "partner")
        assert list(ds["partner"].values[:2]) == ["gemeente", "politie"]
        assert list(ds["sample_step"].values) == [0, 10, 20, 30, 40, 50, 60]
        assert ds["passion"].sel(partner="politie", sample_step=0).shape == (3,)


def test_trust_values_and_edge_list_share_the_edge_dimension(full_file):
    with open_group(full_file, "trust") as ds:
        assert ds["values"].dims == ("run", "sample_step", "edge")
        assert ds["edges"].dims == ("edge", "end")
        assert list(ds["end"].values) == ["source", "target"]


def test_tables_open_with_their_row_dimensions(full_file):
    with open_group(full_file, "events") as ds:
        assert ds["kind"].dims == ("event",)
        assert ds.sizes["event"] > 0
    with open_group(full_file, "meetings") as ds:
        assert ds["mode"].dims == ("meeting",)
        assert ds["participants"].dims == ("participant_entry",)
        assert int(ds["size"].sum()) == ds.sizes["participant_entry"]
    with open_group(full_file, "negotiations") as ds:
        assert ds["fairness"].dims == ("negotiation",)
        assert ds["shares"].dims == ("share_entry",)


def test_parameters_and_manifest_open(full_file):
    with open_group(full_file, "parameters") as ds:
        assert ds["run.steps"].dims == ("run",)
        assert set(ds["run.steps"].values) == {60}
    with open_group(full_file, "manifest") as ds:
        assert ds["scenarios"].dims == ("scenario",)
        assert "[partners.politie]" in str(ds["scenarios"].values[0])
