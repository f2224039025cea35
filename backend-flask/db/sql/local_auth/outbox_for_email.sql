SELECT coalesce(json_agg(json_build_object('purpose', purpose, 'code', code, 'created_at', created_at)
                         ORDER BY id DESC), '[]')::text
FROM (SELECT id, purpose, code, created_at FROM dev_outbox
      WHERE email = %(email)s ORDER BY id DESC LIMIT 20) recent
