"""The `tandem` command line: the same services as the web and API, from a terminal."""
