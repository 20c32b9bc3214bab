"""Forms of the programme's pages, one module per concern. They only parse what the user typed into
the plain data the services take; every rule is the services'."""
