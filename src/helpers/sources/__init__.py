"""Getting data from outside the repository: the SSB client (``ssb``), KLASS classifications
(``klass``) and the pinned external downloads (``external``) with their format readers
(``readers``); the published statistics (``statistics``: SSB tables and KLASS files declared in
the catalogue, with ``jsonstat``, ``county_accounts`` and ``klass_files`` as readers, and the live
refresh from SSB). Used by the data layer and scripts, not by notebooks directly; not part of
any report's rebuild key (the data they deliver are)."""
