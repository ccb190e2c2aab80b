-- The review type catalogue gains the practice learning review and the multi-agency management review
-- (independent author) for partnerships that exist already (new ones get them from DEFAULT_REVIEW_TYPES in
-- services/reviews/review.schema.ts). A practice learning review is a current type, not the multi-agency
-- learning review's former name: that wrong "formerly" label is removed where it was never changed. The
-- LCSPR's publication milestones count from publication (below).

INSERT INTO "ReviewType" ("id", "partnershipId", "key", "name", "owningSubGroupKey", "learningAudience", "milestones")
SELECT gen_random_uuid()::TEXT, p."id", 'practice-learning-review', 'Practice learning review',
  'learning', ARRAY['learning', 'case-review']::TEXT[],
  '[
    {
      "key": "terms-of-reference",
      "label": "Scope and questions agreed",
      "due": {
        "amount": 1,
        "unit": "calendar-months"
      },
      "from": "start",
      "responsible": "owning-chair",
      "onlyIfSerious": false
    },
    {
      "key": "practitioner-event",
      "label": "Practice learning session held with the practitioners",
      "due": {
        "amount": 2,
        "unit": "calendar-months"
      },
      "from": "start",
      "responsible": "owning-chair",
      "onlyIfSerious": false
    },
    {
      "key": "learning-shared",
      "label": "Learning summary agreed and shared",
      "due": {
        "amount": 3,
        "unit": "calendar-months"
      },
      "from": "start",
      "responsible": "owning-chair",
      "onlyIfSerious": false
    }
  ]'::JSONB
FROM "Partnership" p
ON CONFLICT ("partnershipId", "key") DO NOTHING;

INSERT INTO "ReviewType" ("id", "partnershipId", "key", "name", "owningSubGroupKey", "learningAudience", "milestones")
SELECT gen_random_uuid()::TEXT, p."id", 'management-review', 'Multi-agency management review (independent author)',
  'case-review', ARRAY['case-review', 'learning']::TEXT[],
  '[
    {
      "key": "terms-of-reference",
      "label": "Terms of reference agreed and independent author commissioned",
      "due": {
        "amount": 1,
        "unit": "calendar-months"
      },
      "from": "start",
      "responsible": "owning-chair",
      "onlyIfSerious": false
    },
    {
      "key": "agency-report",
      "label": "Agency management review report",
      "due": {
        "amount": 2,
        "unit": "calendar-months"
      },
      "from": "start",
      "responsible": "agency-lead",
      "onlyIfSerious": false
    },
    {
      "key": "draft-report",
      "label": "Independent author''s overview report drafted",
      "due": {
        "amount": 4,
        "unit": "calendar-months"
      },
      "from": "start",
      "responsible": "lead-reviewer",
      "onlyIfSerious": false
    },
    {
      "key": "final-report",
      "label": "Overview report agreed",
      "due": {
        "amount": 5,
        "unit": "calendar-months"
      },
      "from": "start",
      "responsible": "lead-reviewer",
      "onlyIfSerious": false
    }
  ]'::JSONB
FROM "Partnership" p
ON CONFLICT ("partnershipId", "key") DO NOTHING;

UPDATE "ReviewType" SET "legacyName" = NULL
WHERE "key" = 'learning-review' AND "legacyName" = 'Practice learning review';

-- The LCSPR's advance copy to the Panel and the Secretary of State falls due before publication (a setting,
-- 7 working days by default, to be confirmed against WT2023 ch.5), and "kept online" 12 months after
-- publication: both were counted from the review's start. Templates a partnership already counts from
-- publication are left as they are. The partnership chair publishes (WT2023), no longer the business manager.
UPDATE "ReviewType" t SET "milestones" = (
  SELECT jsonb_agg(
    CASE
      WHEN e.m->>'key' = 'sent-before-publication' AND e.m->>'from' = 'start' THEN '{
        "key": "sent-before-publication",
        "label": "Full report sent to the Panel and the Secretary of State before publication",
        "due": {
          "amount": 7,
          "unit": "working-days"
        },
        "from": "publication",
        "before": true,
        "toBeConfirmedAgainst": "Working Together 2023, chapter 5",
        "responsible": "business-manager",
        "onlyIfSerious": false
      }'::JSONB
      WHEN e.m->>'key' = 'kept-online' AND e.m->>'from' = 'start' THEN '{
        "key": "kept-online",
        "label": "Published report kept online for at least a year",
        "due": {
          "amount": 12,
          "unit": "calendar-months"
        },
        "from": "publication",
        "before": false,
        "responsible": "business-manager",
        "onlyIfSerious": false
      }'::JSONB
      WHEN e.m->>'key' = 'published' AND e.m->>'responsible' = 'business-manager'
        THEN jsonb_set(e.m, '{responsible}', '"partnership-chair"')
      ELSE e.m
    END ORDER BY e.ord)
  FROM jsonb_array_elements(t."milestones") WITH ORDINALITY AS e(m, ord)
)
WHERE t."key" = 'lcspr';
