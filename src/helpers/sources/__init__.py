"""Getting data from outside the repository: the SSB client (``ssb``), KLASS classifications
(``klass``) and the pinned external downloads (``external``) with their format readers
(``readers``). Used by the data layer and scripts, not by notebooks directly; not part of any
report's rebuild key."""
