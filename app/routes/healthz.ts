import { prisma } from "#app/utils/db.server.ts";

/** 200 {"status":"ok","db":"ok"} when the database answers; 503 otherwise. */
export async function loader() {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok", db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json(
      { status: "error", db: "unavailable" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
