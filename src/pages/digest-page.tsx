/** `/digests/{week}`: one week's digest on its own page. */
import type { Digest } from "../digest/types";
import { DigestView } from "./digest-view";
import { Layout } from "./layout";

export function DigestPage({ digest }: { digest: Digest }) {
  return (
    <Layout title={`Week ${digest.week}`}>
      <DigestView digest={digest} />
    </Layout>
  );
}
