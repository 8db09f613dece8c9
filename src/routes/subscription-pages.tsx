/**
 * `GET`/`POST /subscribe` (the e-mail subscribe form), `GET`/`POST /subscriptions/confirm?token=…`
 * and `GET`/`POST /unsubscribe?token=…` (contract). POST /unsubscribe is RFC 8058 one-click: 200,
 * no redirect, idempotent. GETs only show a page.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { ErrorPage } from "../pages/error-page";
import { htmlDocument } from "../pages/layout";
import { CheckInboxPage, SubscribePage } from "../pages/subscribe-page";
import { CancelledPage, ConfirmPage, DonePage, UnsubscribePage } from "../pages/subscription-pages";
import {
  choosableThemes,
  EMPTY_FORM,
  readSubscribeForm,
  subscribeFromForm,
  themeLabels,
  UNREADABLE_FORM,
} from "../subscribe/subscribe-form";
import {
  confirmByToken,
  subscriptionByConfirmToken,
  subscriptionByUnsubscribeToken,
  unsubscribeByToken,
} from "../subscribe/subscriptions";
import { publicRateLimit, subscriptionBodyLimit } from "./subscription-guards";

const invalidLink = () =>
  htmlDocument(
    ErrorPage({
      status: 404,
      heading: "This link is not valid",
      message: "The link is incomplete or was never issued. Copy the whole link from the mail or message.",
    }),
  );

export const subscriptionPageRoutes = new Hono<AppEnv>()
  .get("/subscribe", async (c) => {
    const themes = await choosableThemes(c.var.db);
    return c.html(await htmlDocument(SubscribePage({ themes, values: EMPTY_FORM })));
  })
  .post("/subscribe", publicRateLimit, subscriptionBodyLimit, async (c) => {
    // A malformed body (broken multipart, a bad boundary) is the sender's fault: the form again, 400.
    const body = await c.req.parseBody({ all: true }).catch(() => null);
    if (body === null) {
      const themes = await choosableThemes(c.var.db);
      return c.html(
        await htmlDocument(SubscribePage({ themes, values: EMPTY_FORM, problem: UNREADABLE_FORM })),
        400,
      );
    }
    const values = await readSubscribeForm(body);
    const result = await subscribeFromForm(
      c.var.db,
      c.env.DELIVERY_QUEUE,
      values,
      c.var.config.delivery,
      Date.now(),
    );
    if (result.ok) {
      return c.html(
        await htmlDocument(
          CheckInboxPage({ address: result.subscription.target, unmatched: result.unmatched }),
        ),
      );
    }
    const themes = await choosableThemes(c.var.db);
    return c.html(await htmlDocument(SubscribePage({ themes, values, problem: result.problem })), 400);
  })
  .get("/subscriptions/confirm", async (c) => {
    const token = c.req.query("token");
    const subscription = await subscriptionByConfirmToken(c.var.db, token);
    if (!subscription || !token) return c.html(await invalidLink(), 404);
    if (subscription.status !== "pending") {
      if (subscription.status !== "active") return c.html(await htmlDocument(CancelledPage()));
      const message = "This subscription is already confirmed: the digest arrives every Monday.";
      return c.html(await htmlDocument(DonePage({ heading: "Nothing to confirm", message })));
    }
    return c.html(
      await htmlDocument(
        ConfirmPage({ subscription, token, themeLabels: await themeLabels(c.var.db, subscription) }),
      ),
    );
  })
  .post("/subscriptions/confirm", async (c) => {
    const result = await confirmByToken(c.var.db, c.req.query("token"), Date.now());
    if (result.kind === "unknown") return c.html(await invalidLink(), 404);
    // Confirming a subscription that was cancelled in the meantime changes nothing: say so.
    if (result.kind === "ended") return c.html(await htmlDocument(CancelledPage()));
    return c.html(
      await htmlDocument(
        DonePage({
          heading: "Subscribed",
          message:
            "Confirmed. The next weekly digest comes on Monday; every mail has a one-click unsubscribe link.",
          manageToken: result.kind === "done" ? result.manageToken : null,
        }),
      ),
    );
  })
  .get("/unsubscribe", async (c) => {
    const token = c.req.query("token");
    const subscription = await subscriptionByUnsubscribeToken(c.var.db, token);
    if (!subscription || !token) return c.html(await invalidLink(), 404);
    return c.html(
      await htmlDocument(
        UnsubscribePage({ subscription, token, themeLabels: await themeLabels(c.var.db, subscription) }),
      ),
    );
  })
  .post("/unsubscribe", async (c) => {
    const result = await unsubscribeByToken(c.var.db, c.req.query("token"), Date.now());
    if (result === "unknown") return c.html(await invalidLink(), 404);
    return c.html(
      await htmlDocument(
        DonePage({ heading: "Unsubscribed", message: "You will not receive the digest any more." }),
      ),
    );
  });
