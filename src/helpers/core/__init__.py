"""The base every report stands on: loading data with provenance (``data``), writing numbers and
text the Norwegian way (``formatting``, ``charts``, ``countries``) and showing tables, charts and
notes with their sources (``report``); published statistics with their provenance
(``statistics``) and KLASS municipality codes and county borders (``regions``)."""
