"""LiteLLM custom provider for the probe tests: answers without any upstream.

LiteLLM's own mock_response streams every chunk at once and cannot stream tool calls, so the
models here do what the probe must tell apart:
  fixture/chat      text streamed one word at a time, CHUNK_GAP apart; tool calls when asked,
                    streamed and not
  fixture/text-only answers in text even when a tool call is required
"""
import asyncio
import time

import litellm
from litellm import CustomLLM
from litellm.types.utils import ChatCompletionMessageToolCall, Function, Message, ModelResponse

CHUNK_GAP = 0.15
WORDS = ["1", " 2", " 3", " 4", " 5", " 6", " 7", " 8", " 9", " 10"]


def wants_tool(model, optional_params):
    return model.endswith("chat") and bool(optional_params.get("tools"))


def tool_name(optional_params):
    return optional_params["tools"][0]["function"]["name"]


def response(model, optional_params):
    if wants_tool(model, optional_params):
        call = ChatCompletionMessageToolCall(id="call_fixture", type="function",
                                             function=Function(name=tool_name(optional_params), arguments='{"city": "Paris"}'))
        message = Message(role="assistant", content=None, tool_calls=[call])
        finish = "tool_calls"
    else:
        message = Message(role="assistant", content="".join(WORDS))
        finish = "stop"
    return ModelResponse(model=model, choices=[{"index": 0, "message": message, "finish_reason": finish}])


def chunks(model, optional_params):
    if wants_tool(model, optional_params):
        yield {"text": "", "is_finished": True, "finish_reason": "tool_calls", "usage": None, "index": 0,
               "tool_use": {"id": "call_fixture", "type": "function", "index": 0,
                            "function": {"name": tool_name(optional_params), "arguments": '{"city": "Paris"}'}}}
        return
    for i, word in enumerate(WORDS):
        last = i == len(WORDS) - 1
        yield {"text": word, "is_finished": last, "finish_reason": "stop" if last else "", "usage": None,
               "index": 0, "tool_use": None}


class FixtureLLM(CustomLLM):
    def completion(self, model, messages, *args, optional_params=None, **kwargs):
        return response(model, optional_params or {})

    async def acompletion(self, model, messages, *args, optional_params=None, **kwargs):
        return response(model, optional_params or {})

    def streaming(self, model, messages, *args, optional_params=None, **kwargs):
        for chunk in chunks(model, optional_params or {}):
            time.sleep(CHUNK_GAP)
            yield chunk

    async def astreaming(self, model, messages, *args, optional_params=None, **kwargs):
        for chunk in chunks(model, optional_params or {}):
            await asyncio.sleep(CHUNK_GAP)
            yield chunk


handler = FixtureLLM()
