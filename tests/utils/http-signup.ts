/** Signs up through the real form (CSRF cookie and token included), as a browser would. */
export async function signUpOverHttp(baseUrl: string, email: string, password: string, name = "Parent") {
  const page = await fetch(`${baseUrl}/signup`);
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const response = await fetch(`${baseUrl}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ csrf: token, name, email, password }),
  });
  if (response.status !== 302) throw new Error(`signup failed: ${response.status}`);
}
