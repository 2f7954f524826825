import { takeConformanceFailures } from './openapi-conformance';

// Fails the test during which an answer did not match the OpenAPI document, even when the test
// caught the error that HttpClient threw (e.g. inside a polling helper). A mismatch in a
// beforeAll hook that was caught there fails the file's first test.
afterEach(() => {
  const failures = takeConformanceFailures();
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} answer(s) did not match the OpenAPI document during this test:\n\n${failures.join('\n\n')}`,
    );
  }
});
