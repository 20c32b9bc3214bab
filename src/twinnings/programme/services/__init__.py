"""The programme's rules: every write checks permission, validates everything before saving
anything, runs in one transaction and is audited under its agreement."""
