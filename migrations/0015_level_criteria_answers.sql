-- Classification answers follow Decree 85/2016 Arts. 5–11 (issue 14 §2): stored answers of systems and dossiers are
-- rewritten from the old form, and the computed level is recomputed by the decree's criteria. Proposed and approved
-- levels, decisions and justifications are left as they are. Rows already in the new shape are not touched.
--
-- Old → new, faithfully where the old answer has a counterpart; where it is coarser, the highest new value it allows:
--   dataKinds public → public; internal, important → private; personal, sensitive_personal → personal;
--     state_secret → state_secret; none ticked → public (what the old rules read it as)
--   usersServed.internal → internal; usersServed.public or any online public service → citizens_businesses;
--     shared infrastructure or sectorWide → infrastructure; industrial control → industrial_control; none → other;
--     usersServed.otherAgencies has no counterpart in the decree and is dropped
--   onlinePublicService information → up_to_2; partial, full → 3_or_above
--   sharedInfrastructure agency → one_agency; provincial or sectorWide → sector_or_provinces;
--     national → nationwide_24x7 (the old answer did not ask about 24/7)
--   industrialControl local → II (the highest of grades II–IV); critical (grade I or special) → special
--   nationalDatabase → nationalEGovernmentSystem24x7; nationalSecurityImpact → especially_serious harm;
--   nationalImportantList (the list the Prime Minister approves, Art. 12(3)(đ)) → primeMinisterDesignated
--   the system's recorded external users → onlineServiceUsersWithPersonalData, when it serves citizens and
--     processes private or personal information
--   conditional business service, central storage of especially important national data: not asked before → no
CREATE FUNCTION decree85_answers(before jsonb, public_users integer) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  WITH o AS (
    SELECT coalesce(before->'dataKinds', '[]'::jsonb) AS kinds,
      coalesce((before #>> '{usersServed,internal}')::boolean, false) AS internal,
      coalesce((before #>> '{usersServed,public}')::boolean, false) OR coalesce(before->>'onlinePublicService', 'none') <> 'none' AS citizens,
      coalesce(before->>'onlinePublicService', 'none') AS online,
      CASE WHEN coalesce((before->>'sectorWide')::boolean, false) AND coalesce(before->>'sharedInfrastructure', 'none') IN ('none', 'agency')
        THEN 'provincial' ELSE coalesce(before->>'sharedInfrastructure', 'none') END AS shared,
      coalesce(before->>'industrialControl', 'none') AS control
  ), i AS (
    SELECT o.*, coalesce(nullif(array_remove(ARRAY[
        CASE WHEN kinds ? 'public' THEN 'public' END,
        CASE WHEN kinds ?| ARRAY['internal', 'important'] THEN 'private' END,
        CASE WHEN kinds ?| ARRAY['personal', 'sensitive_personal'] THEN 'personal' END,
        CASE WHEN kinds ? 'state_secret' THEN 'state_secret' END], NULL), '{}'), ARRAY['public']) AS information,
      coalesce(nullif(array_remove(ARRAY[
        CASE WHEN internal THEN 'internal' END,
        CASE WHEN citizens THEN 'citizens_businesses' END,
        CASE WHEN shared <> 'none' THEN 'infrastructure' END,
        CASE WHEN control <> 'none' THEN 'industrial_control' END], NULL), '{}'), ARRAY['other']) AS functions
    FROM o
  )
  SELECT jsonb_build_object(
    'functions', to_jsonb(functions),
    'information', to_jsonb(information),
    'defenceSecurityHarm', CASE WHEN coalesce((before->>'nationalSecurityImpact')::boolean, false) THEN 'especially_serious' ELSE 'none' END,
    'onlinePublicServiceLevel', CASE online WHEN 'information' THEN 'up_to_2' WHEN 'partial' THEN '3_or_above' WHEN 'full' THEN '3_or_above' ELSE 'none' END,
    'conditionalBusinessService', false,
    'onlineServiceUsersWithPersonalData', CASE WHEN citizens AND information && ARRAY['private', 'personal'] THEN public_users END,
    'infrastructureScope', CASE shared WHEN 'agency' THEN 'one_agency' WHEN 'provincial' THEN 'sector_or_provinces' WHEN 'national' THEN 'nationwide_24x7' ELSE 'none' END,
    'nationalEGovernmentSystem24x7', coalesce((before->>'nationalDatabase')::boolean, false),
    'centralStorageOfEspeciallyImportantNationalData', false,
    'industrialControlWorksGrade', CASE control WHEN 'local' THEN 'II' WHEN 'critical' THEN 'special' ELSE 'none' END,
    'primeMinisterDesignated', coalesce((before->>'nationalImportantList')::boolean, false))
  FROM i;
$$;
--> statement-breakpoint
-- The level of migrated answers (which have no components): the highest of Arts. 7–11, as classifySystem computes it
-- (src/shared/systems/levels.ts; classification-migration.api.test.ts checks the two agree).
CREATE FUNCTION decree85_level(a jsonb) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(1,
    CASE WHEN a->'functions' ? 'internal' AND a->'information' ?| ARRAY['private', 'personal'] AND NOT a->'information' ? 'state_secret' THEN 2 END,
    CASE WHEN a->'functions' ? 'citizens_businesses' THEN
      CASE WHEN a->>'onlinePublicServiceLevel' = '3_or_above' OR (a->>'conditionalBusinessService')::boolean
        OR coalesce((a->>'onlineServiceUsersWithPersonalData')::integer, 0) >= 10000 THEN 3 ELSE 2 END END,
    CASE WHEN a->'functions' ? 'infrastructure' THEN
      CASE a->>'infrastructureScope' WHEN 'one_agency' THEN 2 WHEN 'sector_or_provinces' THEN 3 WHEN 'nationwide_24x7' THEN 4 WHEN 'international_gateway' THEN 5 END END,
    CASE WHEN a->'functions' ? 'industrial_control' THEN
      CASE a->>'industrialControlWorksGrade' WHEN 'IV' THEN 3 WHEN 'III' THEN 3 WHEN 'II' THEN 3 WHEN 'I' THEN 4 WHEN 'special' THEN 5 WHEN 'national_security_works' THEN 5 END END,
    CASE WHEN a->'information' ? 'state_secret' THEN 3 END,
    CASE a->>'defenceSecurityHarm' WHEN 'harm' THEN 3 WHEN 'serious' THEN 4 WHEN 'especially_serious' THEN 5 END,
    CASE WHEN (a->>'nationalEGovernmentSystem24x7')::boolean THEN 4 END,
    CASE WHEN (a->>'centralStorageOfEspeciallyImportantNationalData')::boolean THEN 5 END,
    CASE WHEN (a->>'primeMinisterDesignated')::boolean THEN 5 END);
$$;
--> statement-breakpoint
UPDATE systems s SET classification = m.answers, computed_level = decree85_level(m.answers)
FROM (SELECT id, decree85_answers(classification, public_users) AS answers FROM systems WHERE classification ? 'dataKinds') m
WHERE s.id = m.id;
--> statement-breakpoint
UPDATE dossiers d SET classification = m.answers, computed_level = decree85_level(m.answers)
FROM (SELECT d2.id, decree85_answers(d2.classification, s.public_users) AS answers
      FROM dossiers d2 JOIN systems s ON s.id = d2.system_id WHERE d2.classification ? 'dataKinds') m
WHERE d.id = m.id;
--> statement-breakpoint
DROP FUNCTION decree85_level(jsonb);
--> statement-breakpoint
DROP FUNCTION decree85_answers(jsonb, integer);
