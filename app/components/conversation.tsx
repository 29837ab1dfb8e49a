import { useEffect, useRef } from "react";
import type { StreamMessage } from "../hooks/use-book-stream";
import { LadybirdMark } from "./illustrations";

export function Conversation({ messages, thinking }: { messages: StreamMessage[]; thinking: string | null }) {
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end", behavior: "smooth" });
  }, [messages.length, thinking]);
  return (
    <div className="conversation">
      <ol className="conversation__log" role="log" aria-live="polite" aria-label="Conversation with Bookbug">
        {messages.map((message) => (
          <li key={message.id} className={`bubble bubble--${message.role}`} data-testid={`message-${message.role}`}>
            {message.role === "assistant" ? (
              <span className="bubble__avatar" aria-hidden="true">
                <LadybirdMark size={22} />
              </span>
            ) : null}
            <span className="visually-hidden">{message.role === "assistant" ? "Bookbug said:" : "You said:"}</span>
            <p className="bubble__text">{message.content}</p>
          </li>
        ))}
      </ol>
      {thinking ? (
        <p className="thinking" role="status" data-testid="thinking">
          <span className="thinking__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {thinking}
        </p>
      ) : null}
      <div ref={endRef} />
    </div>
  );
}
