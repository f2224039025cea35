UPDATE local_codes SET attempts_left = attempts_left - 1 WHERE sub = %(sub)s AND purpose = %(purpose)s
