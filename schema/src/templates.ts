import { richText, type ListItem, type MapValue, type TypedBriefContent } from './brief-content.js';

/**
 * The starter gallery: complete example briefs a client starts a proposal from. Each
 * fills every section and passes the readiness checks; its text says why its metrics
 * and its milestones are what they are, so a client sees the reasoning to adapt, not
 * only the result. Milestone due dates are days after the day the brief is built.
 */
export interface BriefTemplate {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly outcome: readonly string[];
  readonly successMetrics: readonly { name: string; baseline: string; target: string; measurement: string }[];
  readonly scope: readonly string[];
  readonly outOfScope: readonly string[];
  readonly deliverables: readonly { title: string; description: string; acceptance: string }[];
  readonly dataReadiness: { sources: string; quality: 'POOR' | 'FAIR' | 'GOOD'; owner: string; notes: string };
  readonly validation: readonly string[];
  readonly team: readonly { role: string; responsibility: string; member: string }[];
  readonly milestones: readonly {
    title: string;
    /** Days after the day the brief is built. */
    dueInDays: number;
    acceptanceCriteria: string;
    revisionRounds: number;
    payment: string;
  }[];
  readonly ownership: { confidentiality: string; dataUse: string; license: string };
  readonly communication: { cadence: string; channel: string; responseTime: string; escalation: string };
}

const CONFIDENTIALITY =
  'Mutual NDA signed before any data is shared; everything learned about the business stays confidential for three years after the engagement.';

export const BRIEF_TEMPLATES: readonly BriefTemplate[] = [
  {
    key: 'rag-assistant',
    title: 'Retrieval-augmented assistant',
    description:
      'An assistant that answers support questions from your own documentation, citing its sources, with answer quality measured before launch.',
    outcome: [
      'Support agents spend much of their day looking up answers that already exist in the help centre and internal runbooks. We want an assistant that answers their questions from those documents, cites the passage it used, and says "I don\'t know" when the documents do not cover the question.',
      'Why these metrics: answer accuracy tells us the assistant is right; citation precision tells us agents can check it quickly; handling time is the business result we pay for. A fast assistant that is wrong is worse than none, so accuracy is measured first and gates the pilot.',
    ],
    successMetrics: [
      {
        name: 'Answer accuracy on the evaluation set',
        baseline: '0% (no assistant today; keyword search finds the right article 41% of the time)',
        target: '85% of answers judged correct',
        measurement: '200 real agent questions with reference answers, graded by two senior agents blind to the system',
      },
      {
        name: 'Citation precision',
        baseline: 'Not measured yet',
        target: '95% of cited passages support the answer',
        measurement: 'Same 200 questions: graders mark whether each cited passage backs the answer',
      },
      {
        name: 'Average handling time per ticket',
        baseline: '11.5 minutes',
        target: '9 minutes',
        measurement: 'Helpdesk report over the four pilot weeks, pilot team against the rest of the team',
      },
    ],
    scope: [
      'Ingestion of the public help centre and the internal runbook wiki, chunking and embedding, a retrieval service, answer generation with citations, and a sidebar in the helpdesk for the pilot team of 12 agents.',
      'Why the milestones run in this order: the evaluation set comes first because every later decision (chunk size, model, prompt) is judged against it; retrieval is tuned before generation because a model cannot cite what was never retrieved; the pilot comes last, once accuracy is proven offline.',
    ],
    outOfScope: [
      'Answering customers directly, languages other than English, documents outside the help centre and the runbook wiki, and fine-tuning a model.',
    ],
    deliverables: [
      {
        title: 'Evaluation set and harness',
        description: '200 graded questions and a script that scores any build of the assistant against them',
        acceptance: 'Runs in one command and reproduces the graders’ scores on a sample of 20 questions',
      },
      {
        title: 'Retrieval and answer service',
        description: 'Ingestion job, vector index and an HTTP API returning answers with cited passages',
        acceptance: 'Meets the accuracy and citation targets on the evaluation set',
      },
      {
        title: 'Helpdesk sidebar and runbook',
        description: 'The agent-facing sidebar, deployment scripts and an operations runbook',
        acceptance: 'Deployed for the pilot team; an on-call engineer re-deploys it from the runbook alone',
      },
    ],
    dataReadiness: {
      sources: 'Help centre export (about 1,800 articles), runbook wiki (about 600 pages), 6 months of ticket history',
      quality: 'FAIR',
      owner: 'Head of support operations',
      notes: 'About 15% of runbook pages are outdated; the client flags them during milestone 1.',
    },
    validation: [
      'A paid two-day trial: the freelancer built a retrieval prototype over 100 help-centre articles and answered 30 sample questions; 24 were judged correct with correct citations, and the write-up explained the failures clearly.',
    ],
    team: [
      {
        role: 'Data engineer',
        responsibility: 'Document export, cleaning and the ingestion pipeline',
        member: 'Client data engineer',
      },
      {
        role: 'ML engineer',
        responsibility: 'Retrieval tuning, prompts and model choice, evaluation',
        member: 'Freelancer',
      },
      {
        role: 'Platform engineer',
        responsibility: 'Deploy to production and monitor the service',
        member: 'Client platform engineer',
      },
    ],
    milestones: [
      {
        title: 'Evaluation set agreed',
        dueInDays: 14,
        acceptanceCriteria:
          '200 questions with reference answers, signed off by the support lead; harness scores a naive baseline',
        revisionRounds: 1,
        payment: '20%',
      },
      {
        title: 'Retrieval tuned',
        dueInDays: 35,
        acceptanceCriteria: 'The right passage is in the top 5 results for 90% of evaluation questions',
        revisionRounds: 2,
        payment: '30%',
      },
      {
        title: 'Answers meet targets offline',
        dueInDays: 56,
        acceptanceCriteria: 'Accuracy at least 85% and citation precision at least 95% on the evaluation set',
        revisionRounds: 2,
        payment: '25%',
      },
      {
        title: 'Pilot live',
        dueInDays: 84,
        acceptanceCriteria:
          'Sidebar used by the pilot team for four weeks; handling time reported against the baseline',
        revisionRounds: 1,
        payment: '25%',
      },
    ],
    ownership: {
      confidentiality: CONFIDENTIALITY,
      dataUse:
        'Documents and tickets are used only for this engagement, never to train models outside it, and deleted from the freelancer’s machines at the end.',
      license:
        'Open-source components keep their licenses; everything written for the engagement belongs to the client.',
    },
    communication: {
      cadence: 'Weekly 30-minute demo on the evaluation scores',
      channel: 'Shared Slack channel; decisions recorded in the brief',
      responseTime: 'One business day',
      escalation: 'Support operations lead, then the head of support',
    },
  },
  {
    key: 'classification-model',
    title: 'Classification model',
    description:
      'A model that routes incoming tickets, documents or transactions to the right category, with accuracy proven on held-out data before it goes live.',
    outcome: [
      'Every incoming support ticket is read and routed to one of 14 queues by hand, which takes a coordinator most of the day and delays first responses. We want a model that routes tickets automatically and sends the uncertain ones to a person.',
      'Why these metrics: macro F1 makes sure small queues (billing disputes, security) are routed as well as the big ones, which plain accuracy would hide; the share routed automatically is what saves the coordinator’s time; and time to first response is the result customers feel.',
    ],
    successMetrics: [
      {
        name: 'Macro F1 across the 14 queues',
        baseline: '0.62 (current keyword rules)',
        target: '0.85',
        measurement: 'Held-out month of tickets labelled by the coordinators, never used in training',
      },
      {
        name: 'Tickets routed without a person',
        baseline: '0%',
        target: '70% at 95% precision',
        measurement: 'Routing log over the first four live weeks, audited weekly on a sample of 100',
      },
      {
        name: 'Median time to first response',
        baseline: '5.2 hours',
        target: '3 hours',
        measurement: 'Helpdesk report, four live weeks against the four weeks before',
      },
    ],
    scope: [
      'Label clean-up of 18 months of routed tickets, a model trained on ticket subject and body, a confidence threshold that hands uncertain tickets to the coordinator, and an integration that sets the queue in the helpdesk.',
      'Why the milestones run in this order: labels come first because past routing has mistakes and a model learns them; a simple baseline follows so every later gain is measured against something real; the threshold is set with the coordinators before going live, because they carry the tickets the model is unsure of.',
    ],
    outOfScope: ['Drafting replies to tickets, priority prediction, and languages other than English and German.'],
    deliverables: [
      {
        title: 'Cleaned labelled data set',
        description: '18 months of tickets with corrected queue labels and a documented label guide',
        acceptance: 'A second coordinator agrees with 95% of a random sample of 300 labels',
      },
      {
        title: 'Routing model and report',
        description: 'Trained model, training code and an evaluation report per queue',
        acceptance: 'Macro F1 of 0.85 on the held-out month, reproduced from the code by the client',
      },
      {
        title: 'Helpdesk integration',
        description: 'Service that scores new tickets and sets the queue, with monitoring of confidence and drift',
        acceptance: 'Runs for two weeks in shadow mode without a missed ticket',
      },
    ],
    dataReadiness: {
      sources: 'Helpdesk export: 210,000 tickets over 18 months with their final queue',
      quality: 'FAIR',
      owner: 'Support coordinator team lead',
      notes: 'Queues were merged in March; older labels are mapped with the table in the label guide.',
    },
    validation: [
      'A paid one-day trial on 5,000 anonymised tickets: the freelancer’s baseline reached a macro F1 of 0.74 and the error analysis correctly found the two queues that are confused most often.',
    ],
    team: [
      {
        role: 'Data engineer',
        responsibility: 'Helpdesk export, label clean-up and the data pipeline',
        member: 'Client data engineer',
      },
      { role: 'ML engineer', responsibility: 'Train and evaluate the model, set the threshold', member: 'Freelancer' },
      {
        role: 'Platform engineer',
        responsibility: 'Deploy the scoring service and monitor it in production',
        member: 'Client platform engineer',
      },
    ],
    milestones: [
      {
        title: 'Labels cleaned',
        dueInDays: 14,
        acceptanceCriteria: 'Label guide signed off; 95% agreement on the audit sample of 300 tickets',
        revisionRounds: 1,
        payment: '20%',
      },
      {
        title: 'Baseline and first model',
        dueInDays: 35,
        acceptanceCriteria: 'Evaluation report per queue; macro F1 of at least 0.80 on the held-out month',
        revisionRounds: 2,
        payment: '30%',
      },
      {
        title: 'Threshold and shadow mode',
        dueInDays: 56,
        acceptanceCriteria: 'Two weeks in shadow mode: 70% of tickets above the threshold at 95% precision',
        revisionRounds: 1,
        payment: '25%',
      },
      {
        title: 'Live routing',
        dueInDays: 84,
        acceptanceCriteria: 'Model routes live tickets for four weeks; response-time report delivered',
        revisionRounds: 1,
        payment: '25%',
      },
    ],
    ownership: {
      confidentiality: CONFIDENTIALITY,
      dataUse: 'Ticket text is processed only on the client’s infrastructure and only for this engagement.',
      license: 'The client owns the model, weights and code written for the engagement.',
    },
    communication: {
      cadence: 'Weekly demo on Tuesdays with the coordinators',
      channel: 'Shared Slack channel and the brief’s comments',
      responseTime: 'One business day',
      escalation: 'Support coordinator team lead, then the head of support',
    },
  },
  {
    key: 'forecasting',
    title: 'Demand forecasting',
    description:
      'Weekly demand forecasts per product and store, replacing spreadsheet estimates, judged against the current forecast on the same weeks.',
    outcome: [
      'Store managers order stock from a spreadsheet forecast that misses seasonal peaks, so we both run out of best sellers and write off unsold stock. We want weekly forecasts per product and store, eight weeks ahead, that buyers trust enough to order from.',
      'Why these metrics: weighted MAPE rewards getting the high-volume products right, which is where the money is; bias shows whether we systematically over- or under-order, which MAPE alone hides; stock-outs and write-offs are the business result the forecast exists for.',
    ],
    successMetrics: [
      {
        name: 'Weighted MAPE, 4 weeks ahead',
        baseline: '31% (current spreadsheet forecast)',
        target: '20%',
        measurement: 'Backtest over the last 26 weeks, forecast made each Monday with only the data known then',
      },
      {
        name: 'Forecast bias',
        baseline: '+9% (over-forecast)',
        target: 'Within ±3%',
        measurement: 'Same backtest: total forecast against total actual sales',
      },
      {
        name: 'Stock-out rate on the top 200 products',
        baseline: '6.8% of store-weeks',
        target: '4%',
        measurement: 'Inventory system, 8 pilot stores over 8 weeks against 8 comparable stores',
      },
    ],
    scope: [
      'Weekly forecasts for about 3,000 products in 40 stores, eight weeks ahead, using sales history, promotions, prices and holidays; a forecast table the ordering tool reads; and a dashboard of accuracy by product group.',
      'Why the milestones run in this order: the backtest frame is built first so every model is compared on the same weeks as the spreadsheet; a simple seasonal model then sets the bar; the richer model must beat both before the pilot stores order from it.',
    ],
    outOfScope: [
      'Automatic ordering, price optimisation, new products with under eight weeks of history, and the online shop.',
    ],
    deliverables: [
      {
        title: 'Backtest frame',
        description: 'Code that replays past Mondays and scores any forecast against what happened',
        acceptance: 'Reproduces the spreadsheet’s historical error within one percentage point',
      },
      {
        title: 'Forecast model and pipeline',
        description: 'Weekly job producing the eight-week forecast table',
        acceptance: 'Meets the MAPE and bias targets in the backtest; job runs unattended for four weeks',
      },
      {
        title: 'Accuracy dashboard',
        description: 'Accuracy and bias by product group and store, updated weekly',
        acceptance: 'Buyers can find the error of any product group without help',
      },
    ],
    dataReadiness: {
      sources: 'Point-of-sale data (3 years), promotion calendar, price history, store calendar',
      quality: 'GOOD',
      owner: 'Head of merchandise planning',
      notes: 'Promotion calendar before last year is partial; the freelancer flags its effect in milestone 2.',
    },
    validation: [
      'A paid two-day trial on one product group: the freelancer’s forecast cut weighted MAPE from 29% to 22% in a 13-week backtest and explained which holidays drove the largest errors.',
    ],
    team: [
      {
        role: 'Data engineer',
        responsibility: 'Sales and promotion data pipeline into the warehouse',
        member: 'Client data engineer',
      },
      { role: 'Data scientist', responsibility: 'Forecast models, backtest and evaluation', member: 'Freelancer' },
      {
        role: 'Platform engineer',
        responsibility: 'Schedule the weekly job in production and monitor it',
        member: 'Client platform engineer',
      },
    ],
    milestones: [
      {
        title: 'Backtest frame agreed',
        dueInDays: 14,
        acceptanceCriteria: 'Backtest reproduces the spreadsheet’s error; the planning team signs off the weeks used',
        revisionRounds: 1,
        payment: '20%',
      },
      {
        title: 'Seasonal baseline',
        dueInDays: 28,
        acceptanceCriteria: 'Baseline model scored in the backtest with a report per product group',
        revisionRounds: 1,
        payment: '20%',
      },
      {
        title: 'Model beats the targets',
        dueInDays: 56,
        acceptanceCriteria: 'Weighted MAPE at most 20% and bias within ±3% in the 26-week backtest',
        revisionRounds: 2,
        payment: '30%',
      },
      {
        title: 'Pilot stores order from it',
        dueInDays: 112,
        acceptanceCriteria: 'Eight pilot stores order from the forecast for eight weeks; stock-out report delivered',
        revisionRounds: 1,
        payment: '30%',
      },
    ],
    ownership: {
      confidentiality: CONFIDENTIALITY,
      dataUse: 'Sales data stays in the client’s warehouse; only aggregated results leave it, for reports.',
      license: 'The client owns the models and code written for the engagement.',
    },
    communication: {
      cadence: 'Fortnightly review with the buyers, weekly check-in with the planning lead',
      channel: 'Video call and a shared channel',
      responseTime: 'One business day',
      escalation: 'Head of merchandise planning',
    },
  },
  {
    key: 'data-labelling',
    title: 'Data labelling programme',
    description:
      'A labelled data set built to a written guide, with agreement between labellers measured, so a model can later be trained on it.',
    outcome: [
      'We have 120,000 product photos and no labels, which blocks the defect-detection model we want to build. We want 30,000 of them labelled to a written guide, with quality proven by agreement between labellers, and a process our own team can continue.',
      'Why these metrics: agreement between labellers shows the guide is clear enough to label consistently, the foundation of any model; accuracy against a gold set shows labels are right, not merely consistent; cost per label tells us whether the process scales to the rest of the photos.',
    ],
    successMetrics: [
      {
        name: 'Inter-annotator agreement (Cohen’s kappa)',
        baseline: '0.55 on an informal pilot of 500 photos',
        target: '0.80',
        measurement: '10% of photos labelled twice, kappa computed weekly per defect class',
      },
      {
        name: 'Accuracy against the gold set',
        baseline: 'No gold set yet',
        target: '95%',
        measurement: '1,000 photos labelled by the quality engineers, mixed unseen into every batch',
      },
      {
        name: 'Cost per labelled photo',
        baseline: 'EUR 0.90 in the informal pilot',
        target: 'EUR 0.45',
        measurement: 'Labelling invoices divided by accepted labels, per batch',
      },
    ],
    scope: [
      'A labelling guide for six defect classes, a gold set with the quality engineers, set-up of the labelling tool, management of the labelling vendor, review of every batch, and delivery of 30,000 accepted labels.',
      'Why the milestones run in this order: the guide and the gold set come first because unclear classes are the main cause of rework; a small calibration batch proves agreement before volume is bought; volume follows in batches that each pass review, so a bad batch costs a week, not the budget.',
    ],
    outOfScope: ['Training the defect-detection model, labelling video, and photos from the new production line.'],
    deliverables: [
      {
        title: 'Labelling guide and gold set',
        description: 'Guide with examples and edge cases per class; 1,000 gold photos',
        acceptance: 'Quality engineers sign off the guide; the gold set is labelled by two engineers with kappa of 0.9',
      },
      {
        title: '30,000 accepted labels',
        description: 'Labels in the agreed export format with labeller and review metadata',
        acceptance: 'Every batch meets the agreement and gold-set targets',
      },
      {
        title: 'Process handbook',
        description: 'How to run further batches: vendor briefing, review, quality dashboard',
        acceptance: 'The client’s team runs one batch alone from the handbook',
      },
    ],
    dataReadiness: {
      sources: '120,000 product photos from the inspection cameras, with product and line metadata',
      quality: 'GOOD',
      owner: 'Quality engineering lead',
      notes: 'Photos contain no personal data; the vendor works in the client’s labelling tool.',
    },
    validation: [
      'A paid one-day trial: the freelancer drafted the guide for two defect classes and ran it with two labellers on 300 photos; kappa rose from 0.55 to 0.78, and the ambiguous cases found were the ones the engineers expected.',
    ],
    team: [
      {
        role: 'Labelling lead',
        responsibility: 'Guide, gold set, vendor management and batch review of the labelled data',
        member: 'Freelancer',
      },
      {
        role: 'Quality engineer',
        responsibility: 'Domain decisions on defect classes and model needs',
        member: 'Client quality engineer',
      },
      {
        role: 'Platform engineer',
        responsibility: 'Labelling tool set-up, deploy exports and monitor the tool',
        member: 'Client platform engineer',
      },
    ],
    milestones: [
      {
        title: 'Guide and gold set',
        dueInDays: 14,
        acceptanceCriteria: 'Guide signed off; gold set of 1,000 photos complete',
        revisionRounds: 2,
        payment: '20%',
      },
      {
        title: 'Calibration batch',
        dueInDays: 28,
        acceptanceCriteria: '2,000 photos labelled with kappa of at least 0.80 and 95% gold-set accuracy',
        revisionRounds: 1,
        payment: '20%',
      },
      {
        title: 'Volume batches',
        dueInDays: 63,
        acceptanceCriteria: '30,000 accepted labels, every batch meeting the quality targets',
        revisionRounds: 1,
        payment: '40%',
      },
      {
        title: 'Handover',
        dueInDays: 77,
        acceptanceCriteria: 'The client’s team runs one batch alone from the handbook',
        revisionRounds: 1,
        payment: '20%',
      },
    ],
    ownership: {
      confidentiality: CONFIDENTIALITY,
      dataUse: 'Photos are used only for this labelling work and never leave the client’s labelling tool.',
      license: 'The client owns the labels, the guide and the gold set.',
    },
    communication: {
      cadence: 'Weekly batch review on Thursdays',
      channel: 'Shared channel; every batch report posted there',
      responseTime: 'One business day',
      escalation: 'Quality engineering lead',
    },
  },
  {
    key: 'llm-evaluation',
    title: 'LLM evaluation',
    description:
      'An evaluation suite that tells you whether a language-model feature is good enough to ship, and whether a new model or prompt makes it better or worse.',
    outcome: [
      'Our product drafts contract summaries with a language model, but we change prompts and models on gut feeling and find regressions from customer complaints. We want an evaluation suite that scores every change before release, so we ship only what measurably improves.',
      'Why these metrics: agreement of the automatic grader with human experts decides whether its scores can be trusted at all, so it is measured first; coverage of real cases makes sure the suite tests what customers send; the regressions that reach customers are the business result.',
    ],
    successMetrics: [
      {
        name: 'Agreement of the automatic grader with experts',
        baseline: 'No automatic grader',
        target: '90% agreement on pass/fail',
        measurement: '300 summaries graded by two in-house lawyers and by the grader, compared case by case',
      },
      {
        name: 'Coverage of real document types',
        baseline: '3 of 11 document types have any test case',
        target: 'All 11 types, at least 30 cases each',
        measurement: 'Count of evaluation cases per document type in the suite',
      },
      {
        name: 'Summary regressions reported by customers',
        baseline: '7 per quarter',
        target: 'At most 1 per quarter',
        measurement: 'Support tickets tagged "summary quality", quarter after release against the quarter before',
      },
    ],
    scope: [
      'An evaluation set of anonymised customer documents with expert reference summaries, a grading rubric, an automatic grader calibrated against the lawyers, a report comparing two builds, and a check in the release pipeline.',
      'Why the milestones run in this order: the rubric and cases come first because a grader cannot be calibrated without agreed expert judgments; the grader is calibrated before it gates anything, since an untrusted gate only teaches people to ignore it; the release check comes last.',
    ],
    outOfScope: [
      'Changing the summarisation prompts or models themselves, evaluating other product features, and red-teaming.',
    ],
    deliverables: [
      {
        title: 'Rubric and evaluation set',
        description: '330 anonymised cases across 11 document types with reference summaries and a rubric',
        acceptance: 'The two lawyers agree on the rubric and on 90% of a sample of 50 cases',
      },
      {
        title: 'Calibrated automatic grader',
        description: 'Grader prompts and code with a calibration report',
        acceptance: 'Agrees with the experts on 90% of the 300 calibration summaries',
      },
      {
        title: 'Release check',
        description: 'Comparison report of two builds and a step in the release pipeline',
        acceptance: 'Blocks a release with a seeded regression and passes an unchanged build',
      },
    ],
    dataReadiness: {
      sources: 'Anonymised customer contracts (2,400 documents) and the current production summaries',
      quality: 'GOOD',
      owner: 'Head of legal product',
      notes: 'Documents were anonymised under the customer agreements; no personal data remains.',
    },
    validation: [
      'A paid two-day trial: the freelancer wrote a rubric for one document type and a grader that agreed with a lawyer on 44 of 50 summaries, and showed which rubric items caused the six disagreements.',
    ],
    team: [
      {
        role: 'Data engineer',
        responsibility: 'Document sampling, anonymisation checks and the evaluation data pipeline',
        member: 'Client data engineer',
      },
      {
        role: 'ML engineer',
        responsibility: 'Rubric, automatic grader for the LLM and calibration',
        member: 'Freelancer',
      },
      {
        role: 'Platform engineer',
        responsibility: 'Release pipeline integration and monitoring',
        member: 'Client platform engineer',
      },
    ],
    milestones: [
      {
        title: 'Rubric and cases agreed',
        dueInDays: 21,
        acceptanceCriteria: 'Rubric signed off by both lawyers; 330 cases with reference summaries',
        revisionRounds: 2,
        payment: '30%',
      },
      {
        title: 'Grader calibrated',
        dueInDays: 42,
        acceptanceCriteria: 'Automatic grader agrees with the experts on 90% of the calibration set',
        revisionRounds: 2,
        payment: '40%',
      },
      {
        title: 'Release check live',
        dueInDays: 56,
        acceptanceCriteria: 'Check runs on every release; catches a seeded regression',
        revisionRounds: 1,
        payment: '30%',
      },
    ],
    ownership: {
      confidentiality: CONFIDENTIALITY,
      dataUse: 'Customer documents are used only inside the client’s environment and only for this evaluation work.',
      license: 'The client owns the rubric, the evaluation set and the grader.',
    },
    communication: {
      cadence: 'Weekly review of the grader’s disagreements with the lawyers',
      channel: 'Shared channel and a fortnightly video call',
      responseTime: 'One business day',
      escalation: 'Head of legal product',
    },
  },
];

export const TEMPLATE_KEYS: readonly string[] = BRIEF_TEMPLATES.map((template) => template.key);

const paragraphs = (lines: readonly string[]) =>
  richText(lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })));

/** `today` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
export function addDays(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The template's brief, with milestone due dates counted from `today` (YYYY-MM-DD, UTC)
 * so they never go stale. Item ids are placeholders: writing the brief gives new ones.
 */
export function templateBrief(template: BriefTemplate, today: string): TypedBriefContent {
  const items = <T extends object>(prefix: string, rows: readonly T[]): ListItem[] =>
    rows.map((row, index) => ({ id: `${prefix}-${index + 1}`, ...(row as Record<string, string | number>) }));
  return {
    outcome: paragraphs(template.outcome),
    successMetrics: items('metric', template.successMetrics),
    scope: paragraphs(template.scope),
    outOfScope: paragraphs(template.outOfScope),
    deliverables: items('deliverable', template.deliverables),
    dataReadiness: { ...template.dataReadiness, access: 'GRANTED' } satisfies MapValue,
    validation: paragraphs(template.validation),
    team: items('team', template.team),
    milestones: template.milestones.map(({ dueInDays, ...milestone }, index) => ({
      id: `milestone-${index + 1}`,
      title: milestone.title,
      dueDate: addDays(today, dueInDays),
      acceptanceCriteria: milestone.acceptanceCriteria,
      revisionRounds: milestone.revisionRounds,
      payment: milestone.payment,
    })),
    ownership: { ipOwner: 'CLIENT', modelOwner: 'CLIENT', ...template.ownership },
    communication: { ...template.communication },
  };
}

/** The template with this key, or undefined. */
export const findTemplate = (key: string): BriefTemplate | undefined =>
  BRIEF_TEMPLATES.find((template) => template.key === key);
