"""A static, offline site of the catalog: ``llmdex site OUT_DIR`` (:mod:`.build`)."""
