"""The benchmark behind bin/bench: the API against two floors, the single-URL
profile and the crowd (runner.py, crowd.py and its wrk script crowd.lua), the
bare Flask floor (floor.py) and the chart (chart.py). The options are in
options.py, which needs nothing outside the standard library, so that bin/bench
checks them before it installs or starts anything."""
