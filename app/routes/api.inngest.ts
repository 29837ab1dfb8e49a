import { serve } from "inngest/remix";
import { inngest } from "../../workflows/client";
import { functions } from "../../workflows/functions";

// The Inngest serve endpoint: the embedded engine (or Inngest Cloud) calls
// the workflows here. In cloud mode the SDK rejects unsigned calls.
const handler = serve({ client: inngest, functions });

export { handler as action, handler as loader };
