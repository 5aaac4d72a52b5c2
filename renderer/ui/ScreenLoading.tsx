/**
 * A screen whose data is on its way (or failed to load): its heading comes first all the same, so focus and the
 * screen reader land on the right place and an error shows where the officer is looking.
 */
export function ScreenLoading({
  title,
  error,
  waiting = 'Loading…',
}: {
  title: string;
  error: string | null;
  waiting?: string;
}) {
  return (
    <>
      <h1>{title}</h1>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : (
        <p role="status">{waiting}</p>
      )}
    </>
  );
}
