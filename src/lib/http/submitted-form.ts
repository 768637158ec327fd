/**
 * The posted form, or null when the request carried none or one that cannot be read: a page that
 * re-fills its form after a failed action must never turn a broken body into a 500.
 */
export async function submittedForm(request: Request): Promise<FormData | null> {
  if (request.method !== 'POST') return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
