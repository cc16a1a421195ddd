/** The tabs GraphiQL opens with: one example per built-in capability, and a streamed run. */
export const exampleOperations: Array<{ query: string; variables?: string }> = [
  {
    query: `# Summarize a text with the capability's routed model (the local extractive summarizer by default).
mutation Summarize($text: String!) {
  summarize(input: { text: $text, maxSentences: 2 }) {
    summary
    meta { runId model provider reason usage { inputTokens outputTokens costUsd latencyMs } }
  }
}`,
    variables: JSON.stringify(
      {
        text: 'Capgate routes capabilities to models. It keeps costs under control with budgets. Teams love the typed contracts. Breakers stop traffic to failing providers.',
      },
      null,
      2,
    ),
  },
  {
    query: `# Sentiment, entities, keywords, language and statistics of a text.
mutation Analyze($text: String!) {
  analyze(input: { text: $text }) {
    sentiment { label score }
    entities { text type }
    keywords { text score }
    language
    stats { words sentences readingTimeSeconds }
  }
}`,
    variables: JSON.stringify(
      { text: 'Ada Lovelace wrote the first program in London. It was brilliant.' },
      null,
      2,
    ),
  },
  {
    query: `# Zero-shot classification into your own labels.
mutation Classify($text: String!, $labels: [String!]!) {
  classify(input: { text: $text, labels: $labels }) {
    label
    scores { label score }
  }
}`,
    variables: JSON.stringify(
      { text: 'My invoice was charged twice this month.', labels: ['billing', 'bug report', 'praise'] },
      null,
      2,
    ),
  },
  {
    query: `# Search a knowledge base (create one with createKnowledgeBase and ingestDocuments first).
mutation Retrieve($knowledgeBase: String!, $query: String!) {
  retrieve(input: { knowledgeBase: $knowledgeBase, query: $query, topK: 3 }) {
    chunks { documentId text score }
  }
}`,
    variables: JSON.stringify({ knowledgeBase: 'handbook', query: 'how do budgets work?' }, null, 2),
  },
  {
    query: `# A streamed run over WebSocket (graphql-ws): STARTED, ROUTED, DELTA…, then one COMPLETED or FAILED.
subscription InvokeStream($input: JSON!) {
  invokeStream(capability: "summarize", input: $input) {
    type
    model
    delta
    output
  }
}`,
    variables: JSON.stringify(
      {
        input: {
          text: 'Capgate routes capabilities to models. It keeps costs under control with budgets. Teams love the typed contracts. Breakers stop traffic to failing providers.',
          maxSentences: 3,
        },
      },
      null,
      2,
    ),
  },
];
