import { parseCommentBody } from "@/lib/comments/markup";

/** Renders a comment as React elements from safe tokens: never as HTML. */
export function CommentBody({ body }: { body: string }) {
  return (
    <>
      {parseCommentBody(body).map((token, i) => {
        switch (token.type) {
          case "bold":
            return <strong key={i}>{token.value}</strong>;
          case "italic":
            return <em key={i}>{token.value}</em>;
          case "link":
            return <a key={i} href={token.href} target="_blank" rel="noopener noreferrer nofollow">{token.value}</a>;
          case "mention":
            return <span key={i} className="mention">@{token.value}</span>;
          case "break":
            return <br key={i} />;
          default:
            return <span key={i}>{token.value}</span>;
        }
      })}
    </>
  );
}
