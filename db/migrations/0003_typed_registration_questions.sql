-- Registration questions got types (issue 16, point 8): every question stored as a plain string becomes a
-- free-text, optional question object. Questions already stored as objects stay as they are.
UPDATE `activities` SET `questions` = (
  SELECT json_group_array(
    CASE WHEN q.type = 'text'
      THEN json_object('text', q.value, 'type', 'text', 'required', json('false'), 'options', json('[]'))
      ELSE json(q.value)
    END
  )
  FROM json_each(`activities`.`questions`) AS q
)
WHERE EXISTS (SELECT 1 FROM json_each(`activities`.`questions`) AS q WHERE q.type = 'text');
