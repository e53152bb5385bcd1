// A chat model double for the LLM extractor: answers every call with one tool call carrying
// canned arguments (or throws), and records the messages it received. No network.
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

export class FakeStructuredChatModel extends BaseChatModel {
  readonly calls: BaseMessage[][] = [];
  private toolName = 'extract';

  constructor(private readonly reply: Record<string, unknown> | Error) {
    super({});
  }

  _llmType(): string {
    return 'fake-structured';
  }

  // The base withStructuredOutput binds one function tool and reads its call back.
  override bindTools(tools: Array<{ function?: { name?: string } }>): this {
    this.toolName = tools[0]?.function?.name ?? this.toolName;
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push(messages);
    if (this.reply instanceof Error) throw this.reply;
    const message = new AIMessage({
      content: '',
      tool_calls: [{ name: this.toolName, args: this.reply, id: 'call-1', type: 'tool_call' }],
    });
    return { generations: [{ text: '', message }] };
  }
}
