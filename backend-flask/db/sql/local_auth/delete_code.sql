DELETE FROM local_codes WHERE sub = %(sub)s AND purpose = %(purpose)s
